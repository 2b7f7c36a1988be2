<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="sv_SE">
<context>
    <name>CashierScreen</name>
    <message>
        <source>Card number, phone or name</source>
        <translation>Kortnummer, telefon eller namn</translation>
    </message>
    <message>
        <source>Find</source>
        <translation>Sök</translation>
    </message>
    <message>
        <source>Phone number</source>
        <translation>Telefonnummer</translation>
    </message>
    <message>
        <source>New member</source>
        <translation>Ny medlem</translation>
    </message>
    <message>
        <source>Hold the card&apos;s code up to the camera</source>
        <translation>Håll upp kortets kod mot kameran</translation>
    </message>
    <message>
        <source>Or use the scanner, type the card number, a phone number or a name.</source>
        <translation>Eller använd skannern, skriv kortnummer, telefonnummer eller namn.</translation>
    </message>
    <message>
        <source>Hold the code inside the frame</source>
        <translation>Håll koden inom ramen</translation>
    </message>
    <message>
        <source>+1 stamp</source>
        <translation>+1 stämpel</translation>
    </message>
    <message>
        <source>+2 stamps</source>
        <translation>+2 stämplar</translation>
    </message>
    <message>
        <source>+3 stamps</source>
        <translation>+3 stämplar</translation>
    </message>
    <message>
        <source>Purchase</source>
        <translation>Köp</translation>
    </message>
    <message>
        <source>Pay with cashback</source>
        <translation>Betala med bonus</translation>
    </message>
    <message>
        <source>Next customer</source>
        <translation>Nästa kund</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Tillbaka</translation>
    </message>
    <message>
        <source>Several members match: choose one</source>
        <translation>Flera medlemmar passar: välj en</translation>
    </message>
    <message>
        <source>Confirm</source>
        <translation>Bekräfta</translation>
    </message>
    <message>
        <source>Find member</source>
        <translation>Sök medlem</translation>
    </message>
    <message>
        <source>No camera found. Scan with the USB scanner, type the card number, or use the phone number or name. A camera plugged in is picked up by itself.</source>
        <translation>Ingen kamera hittades. Skanna med USB-skannern, skriv kortnumret, eller använd telefonnummer eller namn. En kamera som ansluts används automatiskt.</translation>
    </message>
    <message>
        <source>No member found. Check the spelling or the number.</source>
        <translation>Ingen medlem hittades. Kontrollera stavningen eller numret.</translation>
    </message>
    <message>
        <source>{0} has earned a {1}!</source>
        <translation>{0} har tjänat ihop: {1}!</translation>
    </message>
    <message>
        <source>{0} for {1}</source>
        <translation>{0} till {1}</translation>
    </message>
    <message>
        <source>{0}: today&apos;s stamps are already given.</source>
        <translation>{0}: dagens stämplar är redan givna.</translation>
    </message>
    <message>
        <source>{0} is here</source>
        <translation>{0} är här</translation>
    </message>
    <message>
        <source>{0} members match.</source>
        <translation>{0} medlemmar passar.</translation>
    </message>
    <message>
        <source>Undo ({0})</source>
        <translation>Ångra ({0})</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>Ångra</translation>
    </message>
    <message>
        <source>Today&apos;s stamps are given</source>
        <translation>Dagens stämplar är givna</translation>
    </message>
    <message>
        <source>{0} stamps</source>
        <translation>{0} stämplar</translation>
    </message>
    <message>
        <source>{0} points</source>
        <translation>{0} poäng</translation>
    </message>
    <message>
        <source>Not enough for {0}: it needs {1}, the card has {2}.</source>
        <translation>Inte tillräckligt för {0}: det krävs {1}, kortet har {2}.</translation>
    </message>
    <message>
        <source>{0} given to {1}</source>
        <translation>{0} given till {1}</translation>
    </message>
    <message>
        <source>Coupon used: {0}</source>
        <translation>Kupong använd: {0}</translation>
    </message>
    <message>
        <source>Undone. The card is as before.</source>
        <translation>Ångrat. Kortet är som förut.</translation>
    </message>
    <message>
        <source>Purchase amount</source>
        <translation>Köpbelopp</translation>
    </message>
    <message>
        <source>Pay with cashback: amount</source>
        <translation>Betala med bonus: belopp</translation>
    </message>
    <message>
        <source>Type the amount</source>
        <translation>Skriv beloppet</translation>
    </message>
    <message>
        <source>+{0} points</source>
        <translation>+{0} poäng</translation>
    </message>
    <message>
        <source>+{0} cashback</source>
        <translation>+{0} bonus</translation>
    </message>
    <message>
        <source>{0} earns: {1}</source>
        <translation>{0} ger: {1}</translation>
    </message>
    <message>
        <source>nothing</source>
        <translation>ingenting</translation>
    </message>
    <message>
        <source>That is not an amount. Type it like 89{0}50.</source>
        <translation>Det är inget belopp. Skriv det som 89{0}50.</translation>
    </message>
    <message>
        <source>Paid {0} with cashback</source>
        <translation>Betalat {0} med bonus</translation>
    </message>
</context>
<context>
    <name>CustomerWindow</name>
    <message>
        <source>Welcome!</source>
        <translation>Välkommen!</translation>
    </message>
    <message>
        <source>Show your loyalty card to the cashier.</source>
        <translation>Visa ditt kundkort för kassören.</translation>
    </message>
    <message>
        <source>Hello, {0}!</source>
        <translation>Hej, {0}!</translation>
    </message>
    <message>
        <source>{0} more stamps to a {1}</source>
        <translation>{0} stämplar kvar till {1}</translation>
    </message>
    <message>
        <source>Your {0} is ready!</source>
        <translation>{0} väntar på dig!</translation>
    </message>
    <message>
        <source>You have {0} points</source>
        <translation>Du har {0} poäng</translation>
    </message>
    <message>
        <source>Your new card: take a photo</source>
        <translation>Ditt nya kort: ta en bild</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Finish or cancel the registration before scanning a card.</source>
        <translation>Slutför eller avbryt registreringen innan du skannar ett kort.</translation>
    </message>
    <message>
        <source>Manager PIN to leave the till</source>
        <translation>Chefs-PIN för att stänga kassan</translation>
    </message>
    <message>
        <source>Leave</source>
        <translation>Stäng</translation>
    </message>
    <message>
        <source>Back to the till</source>
        <translation>Tillbaka till kassan</translation>
    </message>
    <message>
        <source>Light / dark</source>
        <translation>Ljust / mörkt</translation>
    </message>
    <message>
        <source>Close the till</source>
        <translation>Stäng kassan</translation>
    </message>
    <message>
        <source>Manager</source>
        <translation>Chef</translation>
    </message>
    <message>
        <source>The till stays open: {0}</source>
        <translation>Kassan förblir öppen: {0}</translation>
    </message>
</context>
<context>
    <name>MemberPanel</name>
    <message>
        <source>Member without a name</source>
        <translation>Medlem utan namn</translation>
    </message>
    <message>
        <source>{0} of {1} stamps: {2} more to a {3}</source>
        <translation>{0} av {1} stämplar: {2} kvar till {3}</translation>
    </message>
    <message>
        <source>{0} of {1} stamps: a {2} is ready</source>
        <translation>{0} av {1} stämplar: {2} är klar</translation>
    </message>
    <message>
        <source>Points: {0}</source>
        <translation>Poäng: {0}</translation>
    </message>
    <message>
        <source>Cashback: {0}</source>
        <translation>Bonus: {0}</translation>
    </message>
    <message>
        <source>Tier: {0}</source>
        <translation>Nivå: {0}</translation>
    </message>
    <message>
        <source>{0} visits</source>
        <translation>{0} besök</translation>
    </message>
    <message>
        <source>{0} more to {1}</source>
        <translation>{0} kvar till {1}</translation>
    </message>
    <message>
        <source> (undone)</source>
        <translation> (ångrad)</translation>
    </message>
    <message>
        <source>Last actions</source>
        <translation>Senaste händelser</translation>
    </message>
    <message>
        <source>Nothing yet.</source>
        <translation>Inget ännu.</translation>
    </message>
    <message>
        <source>Coupons today and rewards</source>
        <translation>Kuponger i dag och belöningar</translation>
    </message>
    <message>
        <source>Use coupon: {0}</source>
        <translation>Använd kupong: {0}</translation>
    </message>
    <message>
        <source>Pay with cashback ({0})</source>
        <translation>Betala med bonus ({0})</translation>
    </message>
    <message>
        <source>{0} stamps</source>
        <translation>{0} stämplar</translation>
    </message>
    <message>
        <source>{0} points</source>
        <translation>{0} poäng</translation>
    </message>
    <message>
        <source>Give {0} ({1})</source>
        <translation>Ge {0} ({1})</translation>
    </message>
</context>
<context>
    <name>QLineEdit</name>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Ångra</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;Gör om</translation>
    </message>
    <message>
        <source>Cu&amp;t</source>
        <translation>Klipp &amp;ut</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>&amp;Kopiera</translation>
    </message>
    <message>
        <source>&amp;Paste</source>
        <translation>Klistra &amp;in</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Ta bort</translation>
    </message>
    <message>
        <source>Select All</source>
        <translation>Markera allt</translation>
    </message>
</context>
<context>
    <name>RegisterScreen</name>
    <message>
        <source>New member</source>
        <translation>Ny medlem</translation>
    </message>
    <message>
        <source>Name or nickname</source>
        <translation>Namn eller smeknamn</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Telefon</translation>
    </message>
    <message>
        <source>E-mail (optional)</source>
        <translation>E-post (frivilligt)</translation>
    </message>
    <message>
        <source>Birthday (optional, e.g. 1990-05-17)</source>
        <translation>Födelsedag (frivilligt, t.ex. 1990-05-17)</translation>
    </message>
    <message>
        <source>We keep your name and contact details to run your loyalty card, and delete them when you ask. Offers by e-mail only if you tick the second box.</source>
        <translation>Vi sparar namn och kontaktuppgifter för ditt kundkort och raderar dem när du ber om det. Erbjudanden via e-post bara om du kryssar i den andra rutan.</translation>
    </message>
    <message>
        <source>I want a loyalty card and accept the terms (required)</source>
        <translation>Jag vill ha ett kundkort och godkänner villkoren (krävs)</translation>
    </message>
    <message>
        <source>Send me offers by e-mail (optional)</source>
        <translation>Skicka erbjudanden via e-post (frivilligt)</translation>
    </message>
    <message>
        <source>Register</source>
        <translation>Registrera</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Avbryt</translation>
    </message>
    <message>
        <source>Save as PDF</source>
        <translation>Spara som PDF</translation>
    </message>
    <message>
        <source>Print</source>
        <translation>Skriv ut</translation>
    </message>
    <message>
        <source>Done: show the member</source>
        <translation>Klar: visa medlemmen</translation>
    </message>
    <message>
        <source>Fill in the form with the customer.</source>
        <translation>Fyll i formuläret tillsammans med kunden.</translation>
    </message>
    <message>
        <source>Write a name or a nickname.</source>
        <translation>Skriv ett namn eller smeknamn.</translation>
    </message>
    <message>
        <source>The customer must accept the terms to get a card.</source>
        <translation>Kunden måste godkänna villkoren för att få ett kort.</translation>
    </message>
    <message>
        <source>Welcome, {0}! Take a photo of your card.</source>
        <translation>Välkommen, {0}! Ta en bild av ditt kort.</translation>
    </message>
    <message>
        <source>{0} is a member.</source>
        <translation>{0} är medlem.</translation>
    </message>
    <message>
        <source>Saved: {0}</source>
        <translation>Sparat: {0}</translation>
    </message>
    <message>
        <source>The printer failed: {0}</source>
        <translation>Skrivaren misslyckades: {0}</translation>
    </message>
    <message>
        <source>Printed.</source>
        <translation>Utskrivet.</translation>
    </message>
</context>
<context>
    <name>fmt</name>
    <message>
        <source>+1 stamp</source>
        <translation>+1 stämpel</translation>
    </message>
    <message>
        <source>+{0} stamps</source>
        <translation>+{0} stämplar</translation>
    </message>
    <message>
        <source>+{0} points</source>
        <translation>+{0} poäng</translation>
    </message>
    <message>
        <source>+{0} cashback</source>
        <translation>+{0} bonus</translation>
    </message>
    <message>
        <source>Purchase {0}</source>
        <translation>Köp {0}</translation>
    </message>
    <message>
        <source>Redeemed {0}</source>
        <translation>Inlöst: {0}</translation>
    </message>
    <message>
        <source>Used coupon: {0}</source>
        <translation>Kupong använd: {0}</translation>
    </message>
    <message>
        <source>Paid {0} with cashback</source>
        <translation>Betalat {0} med bonus</translation>
    </message>
    <message>
        <source>Undone: {0}</source>
        <translation>Ångrat: {0}</translation>
    </message>
    <message>
        <source>Joined</source>
        <translation>Blev medlem</translation>
    </message>
    <message>
        <source>Corrected by a manager</source>
        <translation>Rättat av en chef</translation>
    </message>
    <message>
        <source>Points expired</source>
        <translation>Poäng har gått ut</translation>
    </message>
    <message>
        <source>No actions on this till yet.</source>
        <translation>Inga händelser i den här kassan ännu.</translation>
    </message>
    <message>
        <source>an erased member</source>
        <translation>en raderad medlem</translation>
    </message>
    <message>
        <source>Last: {0} joined, {1}</source>
        <translation>Senast: {0} blev medlem, {1}</translation>
    </message>
    <message>
        <source>Last: {0} for {1}, {2}</source>
        <translation>Senast: {0} till {1}, {2}</translation>
    </message>
    <message>
        <source>This card has been blocked. Ask for the new card.</source>
        <translation>Det här kortet är spärrat. Be om det nya kortet.</translation>
    </message>
    <message>
        <source>This card&apos;s member has left the programme.</source>
        <translation>Medlemmen med det här kortet har gått ur programmet.</translation>
    </message>
    <message>
        <source>This is another shop&apos;s card.</source>
        <translation>Det här kortet hör till en annan butik.</translation>
    </message>
    <message>
        <source>This card code is not valid (mistyped or forged).</source>
        <translation>Kortkoden är ogiltig (felskriven eller förfalskad).</translation>
    </message>
    <message>
        <source>This card is not on this till yet. Try again after the next sync.</source>
        <translation>Kortet finns inte i den här kassan ännu. Försök igen efter nästa synkronisering.</translation>
    </message>
    <message>
        <source>That code is not a loyalty card.</source>
        <translation>Den koden är inget kundkort.</translation>
    </message>
    <message>
        <source>Not enough on the card: {0}</source>
        <translation>Inte tillräckligt på kortet: {0}</translation>
    </message>
    <message>
        <source>Limit reached: {0}</source>
        <translation>Gränsen är nådd: {0}</translation>
    </message>
</context>
<context>
    <name>manager</name>
    <message>
        <source>Klipp — manager</source>
        <translation>Klipp — chef</translation>
    </message>
    <message>
        <source>Manager PIN</source>
        <translation>Chefs-PIN</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Öppna</translation>
    </message>
    <message>
        <source>Back to the till</source>
        <translation>Tillbaka till kassan</translation>
    </message>
    <message>
        <source>Choose the manager PIN</source>
        <translation>Välj chefs-PIN</translation>
    </message>
    <message>
        <source>No manager PIN is set yet. Choose 4 to 8 digits; you need it every time you open the back office.</source>
        <translation>Ingen chefs-PIN är vald ännu. Välj 4 till 8 siffror; du behöver den varje gång du öppnar administrationen.</translation>
    </message>
    <message>
        <source>A PIN is 4 to 8 digits.</source>
        <translation>En PIN är 4 till 8 siffror.</translation>
    </message>
    <message>
        <source>Type the same PIN again</source>
        <translation>Skriv samma PIN igen</translation>
    </message>
    <message>
        <source>The two PINs differ; start again.</source>
        <translation>De två PIN-koderna skiljer sig åt; börja om.</translation>
    </message>
    <message>
        <source>Purchases made before someone joins are not in the ledger (a till records purchases of members only), so &apos;before&apos; cannot be measured. This compares each member&apos;s first 30 days of membership with the rest of their membership up to the end of the range: spend per visit and visits per 30 days, for members with at least one recorded purchase in both. For a programme change it compares the members who visited in the 30 days before and after the new version was published. The figures describe what happened alongside; they cannot show that the programme caused it (seasons, prices and who chose to join all differ).</source>
        <translation>Köp som görs innan någon blir medlem finns inte i loggen (kassan registrerar bara medlemmars köp), så ”före” kan inte mätas. Här jämförs varje medlems första 30 dagar som medlem med resten av medlemskapet fram till periodens slut: köpbelopp per besök och besök per 30 dagar, för medlemmar med minst ett registrerat köp i båda. Vid en programändring jämförs medlemmarna som handlade de 30 dagarna före och efter att den nya versionen publicerades. Siffrorna beskriver vad som hände samtidigt; de kan inte visa att programmet var orsaken (säsonger, priser och vilka som valde att gå med skiljer sig åt).</translation>
    </message>
    <message>
        <source>Welcome coupon</source>
        <translation>Välkomstkupong</translation>
    </message>
    <message>
        <source>Birthday coupon</source>
        <translation>Födelsedagskupong</translation>
    </message>
    <message>
        <source>Coupon: {0}</source>
        <translation>Kupong: {0}</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>Visa</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Från</translation>
    </message>
    <message>
        <source>to</source>
        <translation>till</translation>
    </message>
    <message>
        <source>Repeat-purchase share per week (%)</source>
        <translation>Andel återköp per vecka (%)</translation>
    </message>
    <message>
        <source>Joined</source>
        <translation>Blev medlem</translation>
    </message>
    <message>
        <source>Members</source>
        <translation>Medlemmar</translation>
    </message>
    <message>
        <source>Reward or coupon</source>
        <translation>Belöning eller kupong</translation>
    </message>
    <message>
        <source>Issued</source>
        <translation>Utfärdade</translation>
    </message>
    <message>
        <source>Redeemed</source>
        <translation>Inlösta</translation>
    </message>
    <message>
        <source>Redemption rate</source>
        <translation>Andel inlösta</translation>
    </message>
    <message>
        <source>Came back within 30 days</source>
        <translation>Kom tillbaka inom 30 dagar</translation>
    </message>
    <message>
        <source>How this is measured: </source>
        <translation>Så mäts detta: </translation>
    </message>
    <message>
        <source>Retention by cohort: of the members who joined in a month, the share who came back in each later month</source>
        <translation>Återkomst per kohort: av medlemmarna som gick med en viss månad, andelen som kom tillbaka varje senare månad</translation>
    </message>
    <message>
        <source>Reward response, best first</source>
        <translation>Respons på belöningar, bäst först</translation>
    </message>
    <message>
        <source>Revenue alongside membership</source>
        <translation>Omsättning och medlemskap</translation>
    </message>
    <message>
        <source>The last day cannot come before the first day.</source>
        <translation>Sista dagen kan inte komma före första dagen.</translation>
    </message>
    <message>
        <source>+{0} mo</source>
        <translation>+{0} mån</translation>
    </message>
    <message>
        <source>{0} members with purchases in their first 30 days and after: spend per visit {1} then {2}; visits per 30 days {3} then {4}.</source>
        <translation>{0} medlemmar med köp både de första 30 dagarna och senare: köpbelopp per besök {1}, sedan {2}; besök per 30 dagar {3}, sedan {4}.</translation>
    </message>
    <message>
        <source>Not enough members with purchases both early and later yet.</source>
        <translation>Ännu inte tillräckligt många medlemmar med köp både tidigt och senare.</translation>
    </message>
    <message>
        <source>Around programme version {0} (30 days before and after), {1} members: spend per visit {2} then {3}; visits per 30 days {4} then {5}.</source>
        <translation>Kring programversion {0} (30 dagar före och efter), {1} medlemmar: köpbelopp per besök {2}, sedan {3}; besök per 30 dagar {4}, sedan {5}.</translation>
    </message>
    <message>
        <source>These figures describe what happened alongside; they do not show that the programme caused it.</source>
        <translation>Siffrorna beskriver vad som hände samtidigt; de visar inte att programmet var orsaken.</translation>
    </message>
    <message>
        <source>{0:+d} stamp</source>
        <translation>{0:+d} stämpel</translation>
    </message>
    <message>
        <source>{0:+d} stamps</source>
        <translation>{0:+d} stämplar</translation>
    </message>
    <message>
        <source>{0:+d} point</source>
        <translation>{0:+d} poäng</translation>
    </message>
    <message>
        <source>{0:+d} points</source>
        <translation>{0:+d} poäng</translation>
    </message>
    <message>
        <source>cashback {0}</source>
        <translation>bonus {0}</translation>
    </message>
    <message>
        <source>reward {0}</source>
        <translation>belöning {0}</translation>
    </message>
    <message>
        <source>undoes {0}</source>
        <translation>ångrar {0}</translation>
    </message>
    <message>
        <source>this till</source>
        <translation>den här kassan</translation>
    </message>
    <message>
        <source>till …{0}</source>
        <translation>kassa …{0}</translation>
    </message>
    <message>
        <source>erased member</source>
        <translation>raderad medlem</translation>
    </message>
    <message>
        <source>no name (…{0})</source>
        <translation>utan namn (…{0})</translation>
    </message>
    <message>
        <source>When</source>
        <translation>När</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>Enhet</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Vad</translation>
    </message>
    <message>
        <source>Member</source>
        <translation>Medlem</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Detaljer</translation>
    </message>
    <message>
        <source>Member id</source>
        <translation>Medlems-id</translation>
    </message>
    <message>
        <source>Filter: a kind, a device, a member&apos;s name or id, a day…</source>
        <translation>Filter: en typ, en enhet, en medlems namn eller id, en dag…</translation>
    </message>
    <message>
        <source>Reload</source>
        <translation>Läs in igen</translation>
    </message>
    <message>
        <source>Visits</source>
        <translation>Besök</translation>
    </message>
    <message>
        <source>Unique members</source>
        <translation>Unika medlemmar</translation>
    </message>
    <message>
        <source>New members</source>
        <translation>Nya medlemmar</translation>
    </message>
    <message>
        <source>Stamps given</source>
        <translation>Stämplar givna</translation>
    </message>
    <message>
        <source>Points earned</source>
        <translation>Intjänade poäng</translation>
    </message>
    <message>
        <source>Points redeemed</source>
        <translation>Inlösta poäng</translation>
    </message>
    <message>
        <source>Rewards redeemed</source>
        <translation>Inlösta belöningar</translation>
    </message>
    <message>
        <source>Coupons used</source>
        <translation>Använda kuponger</translation>
    </message>
    <message>
        <source>Member revenue</source>
        <translation>Omsättning från medlemmar</translation>
    </message>
    <message>
        <source>Repeat-visit rate</source>
        <translation>Andel återbesök</translation>
    </message>
    <message>
        <source>Active members (30 days)</source>
        <translation>Aktiva medlemmar (30 dagar)</translation>
    </message>
    <message>
        <source>Active members (90 days)</source>
        <translation>Aktiva medlemmar (90 dagar)</translation>
    </message>
    <message>
        <source>Figure</source>
        <translation>Nyckeltal</translation>
    </message>
    <message>
        <source>Change %</source>
        <translation>Förändring %</translation>
    </message>
    <message>
        <source>Reward</source>
        <translation>Belöning</translation>
    </message>
    <message>
        <source>Hour</source>
        <translation>Timme</translation>
    </message>
    <message>
        <source>Week</source>
        <translation>Vecka</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>Översikt</translation>
    </message>
    <message>
        <source>whole organisation</source>
        <translation>hela organisationen</translation>
    </message>
    <message>
        <source>This period</source>
        <translation>Denna period</translation>
    </message>
    <message>
        <source>Before</source>
        <translation>Före</translation>
    </message>
    <message>
        <source>Week before</source>
        <translation>Veckan före</translation>
    </message>
    <message>
        <source>new</source>
        <translation>ny</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Namn</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Telefon</translation>
    </message>
    <message>
        <source>Stamps</source>
        <translation>Stämplar</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>Poäng</translation>
    </message>
    <message>
        <source>Cashback</source>
        <translation>Bonus</translation>
    </message>
    <message>
        <source>Spend</source>
        <translation>Köpbelopp</translation>
    </message>
    <message>
        <source>Search: name (any word start) or phone</source>
        <translation>Sök: namn (början av ett ord) eller telefon</translation>
    </message>
    <message>
        <source>{0} members</source>
        <translation>{0} medlemmar</translation>
    </message>
    <message>
        <source>Choose a member on the left.</source>
        <translation>Välj en medlem till vänster.</translation>
    </message>
    <message>
        <source>YYYY-MM-DD</source>
        <translation>ÅÅÅÅ-MM-DD</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>E-post</translation>
    </message>
    <message>
        <source>Birthday</source>
        <translation>Födelsedag</translation>
    </message>
    <message>
        <source>Save profile</source>
        <translation>Spara profil</translation>
    </message>
    <message>
        <source>New card</source>
        <translation>Nytt kort</translation>
    </message>
    <message>
        <source>Revoke the member&apos;s cards and issue a new one.</source>
        <translation>Spärra medlemmens kort och utfärda ett nytt.</translation>
    </message>
    <message>
        <source> øre</source>
        <translation> öre</translation>
    </message>
    <message>
        <source>Why (recorded with the correction)</source>
        <translation>Varför (sparas med rättelsen)</translation>
    </message>
    <message>
        <source>Adjust</source>
        <translation>Justera</translation>
    </message>
    <message>
        <source>Export (GDPR)…</source>
        <translation>Exportera (GDPR)…</translation>
    </message>
    <message>
        <source>Erase…</source>
        <translation>Radera…</translation>
    </message>
    <message>
        <source>Erase for good</source>
        <translation>Radera för gott</translation>
    </message>
    <message>
        <source>Keep the member</source>
        <translation>Behåll medlemmen</translation>
    </message>
    <message>
        <source>Shop</source>
        <translation>Butik</translation>
    </message>
    <message>
        <source>Correct a balance</source>
        <translation>Rätta ett saldo</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Historik</translation>
    </message>
    <message>
        <source>(erased)</source>
        <translation>(raderad)</translation>
    </message>
    <message>
        <source>{0} stamps · {1} points · cashback {2} · spent {3} · tier {4}</source>
        <translation>{0} stämplar · {1} poäng · bonus {2} · handlat för {3} · nivå {4}</translation>
    </message>
    <message>
        <source>Coupons: {0}</source>
        <translation>Kuponger: {0}</translation>
    </message>
    <message>
        <source>Cards: {0} in use, {1} revoked</source>
        <translation>Kort: {0} i bruk, {1} spärrade</translation>
    </message>
    <message>
        <source>Profile saved.</source>
        <translation>Profilen är sparad.</translation>
    </message>
    <message>
        <source>New card issued; the old one no longer works. New code: {0}</source>
        <translation>Nytt kort utfärdat; det gamla fungerar inte längre. Ny kod: {0}</translation>
    </message>
    <message>
        <source>Write why the balance is corrected.</source>
        <translation>Skriv varför saldot rättas.</translation>
    </message>
    <message>
        <source>Nothing to correct: every amount is zero.</source>
        <translation>Inget att rätta: alla belopp är noll.</translation>
    </message>
    <message>
        <source>Balance corrected.</source>
        <translation>Saldot är rättat.</translation>
    </message>
    <message>
        <source>Export member data</source>
        <translation>Exportera medlemsdata</translation>
    </message>
    <message>
        <source>Saved {0}</source>
        <translation>Sparade {0}</translation>
    </message>
    <message>
        <source>this member</source>
        <translation>den här medlemmen</translation>
    </message>
    <message>
        <source>Erase {0}? Erased for good, here and on every paired till: name, phone, e-mail, birthday, answers and consents, and their cards stop working. What stays, without a name: the visits, stamps, points and purchases in the ledger, so the shop&apos;s figures still add up.</source>
        <translation>Radera {0}? Raderas för gott, här och på alla parkopplade kassor: namn, telefon, e-post, födelsedag, svar och samtycken, och korten slutar fungera. Detta finns kvar, utan namn: besöken, stämplarna, poängen och köpen i loggen, så att butikens siffror fortfarande går ihop.</translation>
    </message>
    <message>
        <source>Member erased.</source>
        <translation>Medlemmen är raderad.</translation>
    </message>
    <message>
        <source>Choose a CSV file…</source>
        <translation>Välj en CSV-fil…</translation>
    </message>
    <message>
        <source>Import all rows</source>
        <translation>Importera alla rader</translation>
    </message>
    <message>
        <source>Columns: name; consent (yes on every row); phone; email; birthday; stamps; points; cashback_minor; marketing_consent. Separated by ; or , with a header row. Nothing is imported unless every row is right.</source>
        <translation>Kolumner: name; consent (yes på varje rad); phone; email; birthday; stamps; points; cashback_minor; marketing_consent. Avgränsade med ; eller , med en rubrikrad. Inget importeras förrän varje rad är rätt.</translation>
    </message>
    <message>
        <source>Line</source>
        <translation>Rad</translation>
    </message>
    <message>
        <source>Import members</source>
        <translation>Importera medlemmar</translation>
    </message>
    <message>
        <source>Nothing will be imported until these are fixed:</source>
        <translation>Inget importeras förrän dessa är rättade:</translation>
    </message>
    <message>
        <source>{0} rows are ready to import.</source>
        <translation>{0} rader är klara att importera.</translation>
    </message>
    <message>
        <source>Import all {0} rows</source>
        <translation>Importera alla {0} rader</translation>
    </message>
    <message>
        <source>{0} members imported.</source>
        <translation>{0} medlemmar importerade.</translation>
    </message>
    <message>
        <source>Nothing was imported:</source>
        <translation>Inget importerades:</translation>
    </message>
    <message>
        <source>Programme name</source>
        <translation>Programmets namn</translation>
    </message>
    <message>
        <source>Stamps for a reward</source>
        <translation>Stämplar för en belöning</translation>
    </message>
    <message>
        <source>Reward for a full card</source>
        <translation>Belöning för ett fullt kort</translation>
    </message>
    <message>
        <source>Products that earn stamps</source>
        <translation>Varor som ger stämplar</translation>
    </message>
    <message>
        <source>Most stamps per visit</source>
        <translation>Högst antal stämplar per besök</translation>
    </message>
    <message>
        <source>Spend for one point (øre)</source>
        <translation>Köpbelopp för en poäng (öre)</translation>
    </message>
    <message>
        <source>Points rounding</source>
        <translation>Avrundning av poäng</translation>
    </message>
    <message>
        <source>Cashback (1/100 %)</source>
        <translation>Bonus (1/100 %)</translation>
    </message>
    <message>
        <source>Most redemptions per day</source>
        <translation>Högst antal inlösningar per dag</translation>
    </message>
    <message>
        <source>Undo window (seconds)</source>
        <translation>Ångerfönster (sekunder)</translation>
    </message>
    <message>
        <source>Points expire after idle days</source>
        <translation>Poäng går ut efter dagar utan besök</translation>
    </message>
    <message>
        <source>Consent wording version</source>
        <translation>Version av samtyckestexten</translation>
    </message>
    <message>
        <source>down</source>
        <translation>nedåt</translation>
    </message>
    <message>
        <source>half up</source>
        <translation>till närmaste (0,5 uppåt)</translation>
    </message>
    <message>
        <source>Not part of this programme (add it under Advanced).</source>
        <translation>Ingår inte i det här programmet (lägg till det under Avancerat).</translation>
    </message>
    <message>
        <source>not in this programme</source>
        <translation>ingår inte i det här programmet</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>Kontrollera</translation>
    </message>
    <message>
        <source>Save and publish</source>
        <translation>Spara och publicera</translation>
    </message>
    <message>
        <source>The programme</source>
        <translation>Programmet</translation>
    </message>
    <message>
        <source>Advanced: rewards catalogue, tiers and segment questions (at most five), as JSON</source>
        <translation>Avancerat: belöningskatalog, nivåer och segmentfrågor (högst fem), som JSON</translation>
    </message>
    <message>
        <source>Preview: what a typical visit earns</source>
        <translation>Förhandsvisning: vad ett vanligt besök ger</translation>
    </message>
    <message>
        <source>A purchase of</source>
        <translation>Ett köp på</translation>
    </message>
    <message>
        <source>it must be an object {…}</source>
        <translation>det måste vara ett objekt {…}</translation>
    </message>
    <message>
        <source>Advanced is not valid JSON: {0}</source>
        <translation>Avancerat är inte giltig JSON: {0}</translation>
    </message>
    <message>
        <source>Fix the marked fields to see the preview.</source>
        <translation>Rätta de markerade fälten för att se förhandsvisningen.</translation>
    </message>
    <message>
        <source>1 stamp (a reward after {0}; at most {1} per visit)</source>
        <translation>1 stämpel (en belöning efter {0}; högst {1} per besök)</translation>
    </message>
    <message>
        <source>{0} points</source>
        <translation>{0} poäng</translation>
    </message>
    <message>
        <source>{0} cashback</source>
        <translation>{0} bonus</translation>
    </message>
    <message>
        <source>nothing (no stamp card, points or cashback)</source>
        <translation>inget (inget stämpelkort, poäng eller bonus)</translation>
    </message>
    <message>
        <source>A visit with a purchase of {0} earns: {1}.</source>
        <translation>Ett besök med ett köp på {0} ger: {1}.</translation>
    </message>
    <message>
        <source>The programme has problems; see the marked fields.</source>
        <translation>Programmet har fel; se de markerade fälten.</translation>
    </message>
    <message>
        <source>Programme version {0} published.</source>
        <translation>Programversion {0} är publicerad.</translation>
    </message>
    <message>
        <source>Whole organisation</source>
        <translation>Hela organisationen</translation>
    </message>
    <message>
        <source>All the organisation&apos;s shops (when the till is paired).</source>
        <translation>Alla organisationens butiker (när kassan är parkopplad).</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>I dag</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>Exportera CSV…</translation>
    </message>
    <message>
        <source>Export PDF…</source>
        <translation>Exportera PDF…</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Förändring</translation>
    </message>
    <message>
        <source>A week before</source>
        <translation>En vecka före</translation>
    </message>
    <message>
        <source>Visits per hour</source>
        <translation>Besök per timme</translation>
    </message>
    <message>
        <source>Visits, last 8 weeks</source>
        <translation>Besök, senaste 8 veckorna</translation>
    </message>
    <message>
        <source>Member revenue, last 8 weeks</source>
        <translation>Omsättning från medlemmar, senaste 8 veckorna</translation>
    </message>
    <message>
        <source>Rewards redeemed by reward</source>
        <translation>Inlösta belöningar per belöning</translation>
    </message>
    <message>
        <source>Visits per hour, {0}</source>
        <translation>Besök per timme, {0}</translation>
    </message>
    <message>
        <source>This day</source>
        <translation>Den här dagen</translation>
    </message>
    <message>
        <source>Export CSV</source>
        <translation>Exportera CSV</translation>
    </message>
    <message>
        <source>Export PDF</source>
        <translation>Exportera PDF</translation>
    </message>
    <message>
        <source>Could not write {0}: {1}</source>
        <translation>Kunde inte skriva {0}: {1}</translation>
    </message>
    <message>
        <source>Ask the server for conflicts</source>
        <translation>Fråga servern om konflikter</translation>
    </message>
    <message>
        <source>one-time pairing code</source>
        <translation>engångskod för parkoppling</translation>
    </message>
    <message>
        <source>This till already has a shop: replace it with the server&apos;s (waiting events are exported first)</source>
        <translation>Den här kassan har redan en butik: ersätt den med serverns (väntande händelser exporteras först)</translation>
    </message>
    <message>
        <source>Pair with the server</source>
        <translation>Parkoppla med servern</translation>
    </message>
    <message>
        <source>Change PIN</source>
        <translation>Byt PIN</translation>
    </message>
    <message>
        <source>Server address</source>
        <translation>Serveradress</translation>
    </message>
    <message>
        <source>Pairing code</source>
        <translation>Parkopplingskod</translation>
    </message>
    <message>
        <source>Current PIN</source>
        <translation>Nuvarande PIN</translation>
    </message>
    <message>
        <source>New PIN</source>
        <translation>Ny PIN</translation>
    </message>
    <message>
        <source>This till</source>
        <translation>Den här kassan</translation>
    </message>
    <message>
        <source>Sync</source>
        <translation>Synkronisering</translation>
    </message>
    <message>
        <source>Pair with a central server</source>
        <translation>Parkoppla med en central server</translation>
    </message>
    <message>
        <source>{0} ({1})
Currency {2}, time zone {3}
Programme “{4}”, version {5}
Device {6}</source>
        <translation>{0} ({1})
Valuta {2}, tidszon {3}
Program ”{4}”, version {5}
Enhet {6}</translation>
    </message>
    <message>
        <source>Paired with {0}. {1} events waiting to be sent.</source>
        <translation>Parkopplad med {0}. {1} händelser väntar på att skickas.</translation>
    </message>
    <message>
        <source>Standalone till: not paired with a server. {0} events kept here.</source>
        <translation>Fristående kassa: inte parkopplad med en server. {0} händelser sparade här.</translation>
    </message>
    <message>
        <source>{0}: redeemed on two offline tills; the balance went below zero ({1} stamps, {2} points). Talk to the member or correct the balance under Members.</source>
        <translation>{0}: inlöst på två frånkopplade kassor; saldot gick under noll ({1} stämplar, {2} poäng). Prata med medlemmen eller rätta saldot under Medlemmar.</translation>
    </message>
    <message>
        <source>No conflicts: every balance adds up.</source>
        <translation>Inga konflikter: alla saldon går ihop.</translation>
    </message>
    <message>
        <source>Type the server address and the pairing code.</source>
        <translation>Skriv serveradressen och parkopplingskoden.</translation>
    </message>
    <message>
        <source>Paired: this till is now {0} of {1}.</source>
        <translation>Parkopplad: den här kassan är nu {0} i {1}.</translation>
    </message>
    <message>
        <source>The manager PIN is changed.</source>
        <translation>Chefs-PIN är ändrad.</translation>
    </message>
    <message>
        <source>Welcome to Klipp. Which shop is this?</source>
        <translation>Välkommen till Klipp. Vilken butik är det här?</translation>
    </message>
    <message>
        <source>Shop name</source>
        <translation>Butikens namn</translation>
    </message>
    <message>
        <source>Company (organisation)</source>
        <translation>Företag (organisation)</translation>
    </message>
    <message>
        <source>Currency</source>
        <translation>Valuta</translation>
    </message>
    <message>
        <source>Time zone</source>
        <translation>Tidszon</translation>
    </message>
    <message>
        <source>Café stamp card</source>
        <translation>Stämpelkort för kafé</translation>
    </message>
    <message>
        <source>Points shop</source>
        <translation>Poängbutik</translation>
    </message>
    <message>
        <source>Tiers (bronze, silver, gold)</source>
        <translation>Nivåer (brons, silver, guld)</translation>
    </message>
    <message>
        <source>How should members earn?</source>
        <translation>Hur ska medlemmarna tjäna?</translation>
    </message>
    <message>
        <source>Start from</source>
        <translation>Utgå från</translation>
    </message>
    <message>
        <source>You can change every rule later under Programme.</source>
        <translation>Du kan ändra alla regler senare under Program.</translation>
    </message>
    <message>
        <source>The manager PIN (4 to 8 digits)</source>
        <translation>Chefs-PIN (4 till 8 siffror)</translation>
    </message>
    <message>
        <source>PIN</source>
        <translation>PIN</translation>
    </message>
    <message>
        <source>Again</source>
        <translation>Igen</translation>
    </message>
    <message>
        <source>Connect to a central server? (optional)</source>
        <translation>Ansluta till en central server? (valfritt)</translation>
    </message>
    <message>
        <source>Leave empty to run this till on its own.</source>
        <translation>Lämna tomt för att köra den här kassan fristående.</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Tillbaka</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>Nästa</translation>
    </message>
    <message>
        <source>Start the till</source>
        <translation>Starta kassan</translation>
    </message>
    <message>
        <source>Give the shop a name.</source>
        <translation>Ge butiken ett namn.</translation>
    </message>
    <message>
        <source>The two PINs differ.</source>
        <translation>De två PIN-koderna skiljer sig åt.</translation>
    </message>
    <message>
        <source>Pairing needs both the server address and the code (or neither).</source>
        <translation>Parkoppling kräver både serveradressen och koden (eller ingen av dem).</translation>
    </message>
    <message>
        <source>Does it pay?</source>
        <translation>Lönar sig programmet?</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>Importera</translation>
    </message>
    <message>
        <source>Audit trail</source>
        <translation>Händelselogg</translation>
    </message>
    <message>
        <source>Programme</source>
        <translation>Program</translation>
    </message>
    <message>
        <source>Till</source>
        <translation>Kassa</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Inställningar</translation>
    </message>
    <message>
        <source>Back office. It locks by itself after a few minutes without a touch.</source>
        <translation>Administration. Den låses automatiskt efter några minuter utan aktivitet.</translation>
    </message>
    <message>
        <source>became a member</source>
        <translation>blev medlem</translation>
    </message>
    <message>
        <source>personal data erased</source>
        <translation>personuppgifter raderade</translation>
    </message>
    <message>
        <source>card issued</source>
        <translation>kort utfärdat</translation>
    </message>
    <message>
        <source>card revoked</source>
        <translation>kort spärrat</translation>
    </message>
    <message>
        <source>stamp</source>
        <translation>stämpel</translation>
    </message>
    <message>
        <source>purchase</source>
        <translation>köp</translation>
    </message>
    <message>
        <source>reward redeemed</source>
        <translation>belöning inlöst</translation>
    </message>
    <message>
        <source>cashback spent</source>
        <translation>bonus använd</translation>
    </message>
    <message>
        <source>coupon issued</source>
        <translation>kupong given</translation>
    </message>
    <message>
        <source>coupon used</source>
        <translation>kupong använd</translation>
    </message>
    <message>
        <source>tier changed</source>
        <translation>nivå ändrad</translation>
    </message>
    <message>
        <source>points expired</source>
        <translation>poäng har gått ut</translation>
    </message>
    <message>
        <source>balance corrected</source>
        <translation>saldo rättat</translation>
    </message>
    <message>
        <source>undone</source>
        <translation>ångrat</translation>
    </message>
    <message>
        <source>new programme version</source>
        <translation>ny programversion</translation>
    </message>
    <message>
        <source>Find cameras</source>
        <translation>Sök kameror</translation>
    </message>
    <message>
        <source>Start the scanner test</source>
        <translation>Starta skannertestet</translation>
    </message>
    <message>
        <source>Scan any code with the camera or the USB scanner. Nobody gets a stamp during the test.</source>
        <translation>Skanna valfri kod med kameran eller USB-skannern. Ingen får någon stämpel under testet.</translation>
    </message>
    <message>
        <source>empty: no receipt printer</source>
        <translation>tomt: ingen kvittoskrivare</translation>
    </message>
    <message>
        <source>usb:04b8:0202 (USB, the printer&apos;s vendor and product id), net:192.168.1.50 (network) or file:/dev/usb/lp0</source>
        <translation>usb:04b8:0202 (USB, skrivarens tillverkar- och produkt-id), net:192.168.1.50 (nätverk) eller file:/dev/usb/lp0</translation>
    </message>
    <message>
        <source>Test print</source>
        <translation>Testutskrift</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>Ljust</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>Mörkt</translation>
    </message>
    <message>
        <source>Sounds</source>
        <translation>Ljud</translation>
    </message>
    <message>
        <source>A sound on every stamp, reward and refusal (the screen always says it too).</source>
        <translation>Ett ljud vid varje stämpel, belöning och nekat kort (skärmen visar det alltid också).</translation>
    </message>
    <message>
        <source>Kiosk mode</source>
        <translation>Kioskläge</translation>
    </message>
    <message>
        <source>Full screen; closing the till needs the manager PIN.</source>
        <translation>Helskärm; kassan stängs bara med chefs-PIN.</translation>
    </message>
    <message>
        <source>Auto-stamp</source>
        <translation>Automatisk stämpel</translation>
    </message>
    <message>
        <source>The scan itself gives the visit&apos;s stamp: within the programme&apos;s stamps per visit, never twice for a card held in view, and with a large Undo on the cashier&apos;s screen for the undo window.</source>
        <translation>Själva skanningen ger besökets stämpel: inom programmets stämplar per besök, aldrig två gånger för ett kort som hålls framför kameran, och med en stor Ångra-knapp på kassaskärmen så länge ångerfönstret varar.</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <source>A programme rule: a new undo window is published as a programme version.</source>
        <translation>En regel i programmet: ett nytt ångerfönster publiceras som en ny programversion.</translation>
    </message>
    <message>
        <source>Save and use now</source>
        <translation>Spara och använd nu</translation>
    </message>
    <message>
        <source>Camera</source>
        <translation>Kamera</translation>
    </message>
    <message>
        <source>Scanner test</source>
        <translation>Skannertest</translation>
    </message>
    <message>
        <source>Receipt printer</source>
        <translation>Kvittoskrivare</translation>
    </message>
    <message>
        <source>Idle times and undo</source>
        <translation>Tidsgränser och ångra</translation>
    </message>
    <message>
        <source>The cashier&apos;s screen goes back to the start after</source>
        <translation>Kassaskärmen går tillbaka till start efter</translation>
    </message>
    <message>
        <source>The back office locks itself after</source>
        <translation>Administrationen låser sig själv efter</translation>
    </message>
    <message>
        <source>Undo window</source>
        <translation>Ångerfönster</translation>
    </message>
    <message>
        <source>The cashier&apos;s screen</source>
        <translation>Kassaskärmen</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Språk</translation>
    </message>
    <message>
        <source>Theme</source>
        <translation>Tema</translation>
    </message>
    <message>
        <source>Choose between {0} and {1} seconds.</source>
        <translation>Välj mellan {0} och {1} sekunder.</translation>
    </message>
    <message>
        <source>Choose between {0} and {1} minutes.</source>
        <translation>Välj mellan {0} och {1} minuter.</translation>
    </message>
    <message>
        <source>Write the printer as usb:VID:PID, net:ADDRESS or file:/PATH, or leave it empty.</source>
        <translation>Ange skrivaren som usb:VID:PID, net:ADRESS eller file:/SÖKVÄG, eller lämna fältet tomt.</translation>
    </message>
    <message>
        <source>The programme does not allow an undo window of {0} seconds.</source>
        <translation>Programmet tillåter inte ett ångerfönster på {0} sekunder.</translation>
    </message>
    <message>
        <source>This value cannot be used.</source>
        <translation>Det här värdet kan inte användas.</translation>
    </message>
    <message>
        <source>Nothing was changed: see the marked fields.</source>
        <translation>Inget ändrades: se de markerade fälten.</translation>
    </message>
    <message>
        <source>The settings could not be saved ({0}); nothing was changed.</source>
        <translation>Inställningarna kunde inte sparas ({0}); inget ändrades.</translation>
    </message>
    <message>
        <source>Saved and in use; the undo window is in programme version {0}.</source>
        <translation>Sparat och i bruk; ångerfönstret gäller från programversion {0}.</translation>
    </message>
    <message>
        <source>Nothing to save: the settings are as they were.</source>
        <translation>Inget att spara: inställningarna är som förut.</translation>
    </message>
    <message>
        <source>Saved and in use. The back office speaks the new language the next time it is opened.</source>
        <translation>Sparat och i bruk. Administrationen får det nya språket nästa gång den öppnas.</translation>
    </message>
    <message>
        <source>Saved and in use.</source>
        <translation>Sparat och i bruk.</translation>
    </message>
    <message>
        <source>The other settings are saved; the undo window was not: {0}</source>
        <translation>De andra inställningarna är sparade, men inte ångerfönstret: {0}</translation>
    </message>
    <message>
        <source>Looking for cameras…</source>
        <translation>Söker efter kameror …</translation>
    </message>
    <message>
        <source>Cameras found: {0}.</source>
        <translation>Hittade kameror: {0}.</translation>
    </message>
    <message>
        <source>No camera found on this till. The USB scanner and typing work without one; plug a camera in and press Find cameras.</source>
        <translation>Ingen kamera hittades på den här kassan. USB-skannern och inmatning fungerar utan; anslut en kamera och tryck på Sök kameror.</translation>
    </message>
    <message>
        <source>The cameras could not be listed ({0}).</source>
        <translation>Kamerorna kunde inte listas ({0}).</translation>
    </message>
    <message>
        <source>No camera</source>
        <translation>Ingen kamera</translation>
    </message>
    <message>
        <source>Camera {0}</source>
        <translation>Kamera {0}</translation>
    </message>
    <message>
        <source>Camera {0} (not found now)</source>
        <translation>Kamera {0} (hittas inte nu)</translation>
    </message>
    <message>
        <source>No camera picture</source>
        <translation>Ingen kamerabild</translation>
    </message>
    <message>
        <source>Stop the scanner test</source>
        <translation>Stoppa skannertestet</translation>
    </message>
    <message>
        <source>Waiting for a scan…</source>
        <translation>Väntar på en skanning …</translation>
    </message>
    <message>
        <source>USB scanner</source>
        <translation>USB-skanner</translation>
    </message>
    <message>
        <source>Typed</source>
        <translation>Inskrivet</translation>
    </message>
    <message>
        <source>{0}: {1}</source>
        <translation>{0}: {1}</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>Kontrollerar …</translation>
    </message>
    <message>
        <source>a member without a name</source>
        <translation>en medlem utan namn</translation>
    </message>
    <message>
        <source>A card of this shop: {0}. Nobody got a stamp.</source>
        <translation>Ett kort från den här butiken: {0}. Ingen fick någon stämpel.</translation>
    </message>
    <message>
        <source>Not a loyalty card.</source>
        <translation>Inget kundkort.</translation>
    </message>
    <message>
        <source>Not a card of this shop: {0}</source>
        <translation>Inte ett kort från den här butiken: {0}</translation>
    </message>
    <message>
        <source>Type the printer&apos;s address first.</source>
        <translation>Ange skrivarens adress först.</translation>
    </message>
    <message>
        <source>Printing…</source>
        <translation>Skriver ut …</translation>
    </message>
    <message>
        <source>Sent to the printer. A card with the shop&apos;s name and a QR code should come out.</source>
        <translation>Skickat till skrivaren. Ett kort med butikens namn och en QR-kod ska komma ut.</translation>
    </message>
    <message>
        <source>The printer did not print: {0}</source>
        <translation>Skrivaren skrev inte ut: {0}</translation>
    </message>
</context>
<context>
    <name>ops</name>
    <message>
        <source>Something went wrong ({0}); look at the last actions before trying again.</source>
        <translation>Något gick fel ({0}); titta på de senaste händelserna innan du försöker igen.</translation>
    </message>
</context>
<context>
    <name>sync</name>
    <message>
        <source>the server cannot be reached</source>
        <translation>får ingen kontakt med servern</translation>
    </message>
    <message>
        <source>the server&apos;s certificate is not trusted; call support</source>
        <translation>serverns certifikat är inte betrott; ring supporten</translation>
    </message>
    <message>
        <source>the server has a fault; it will be tried again</source>
        <translation>servern har ett fel; vi försöker igen</translation>
    </message>
    <message>
        <source>this till&apos;s pairing was revoked; a manager must pair it again</source>
        <translation>kassans koppling har återkallats; en chef måste koppla den igen</translation>
    </message>
    <message>
        <source>the server refused some actions</source>
        <translation>servern avvisade några åtgärder</translation>
    </message>
    <message>
        <source>the server answered something unexpected; call support</source>
        <translation>servern svarade något oväntat; ring supporten</translation>
    </message>
    <message>
        <source>sync failed</source>
        <translation>synkroniseringen misslyckades</translation>
    </message>
    <message>
        <source>Standalone till (not connected to a server).</source>
        <translation>Fristående kassa (inte ansluten till en server).</translation>
    </message>
    <message>
        <source>Connecting to the server… {0} waiting to send.</source>
        <translation>Ansluter till servern … {0} väntar på att skickas.</translation>
    </message>
    <message>
        <source> since {0}</source>
        <translation> sedan {0}</translation>
    </message>
    <message>
        <source>Offline{0}: {1} waiting to send. The till works as usual.{2}</source>
        <translation>Frånkopplad{0}: {1} väntar på att skickas. Kassan fungerar som vanligt.{2}</translation>
    </message>
    <message>
        <source>Online: {0} waiting to send.</source>
        <translation>Ansluten: {0} väntar på att skickas.</translation>
    </message>
</context>
<context>
    <name>validation</name>
    <message>
        <source>must be at least {0}</source>
        <translation>måste vara minst {0}</translation>
    </message>
    <message>
        <source>must be at most {0}</source>
        <translation>får vara högst {0}</translation>
    </message>
    <message>
        <source>must have at least {0} characters</source>
        <translation>måste ha minst {0} tecken</translation>
    </message>
    <message>
        <source>must have at most {0} characters</source>
        <translation>får ha högst {0} tecken</translation>
    </message>
    <message>
        <source>must have at most {0} entries</source>
        <translation>får ha högst {0} poster</translation>
    </message>
    <message>
        <source>must have at least {0} entries</source>
        <translation>måste ha minst {0} poster</translation>
    </message>
    <message>
        <source>is not in the allowed form</source>
        <translation>har inte tillåten form</translation>
    </message>
    <message>
        <source>must be a whole number</source>
        <translation>måste vara ett heltal</translation>
    </message>
    <message>
        <source>must be text</source>
        <translation>måste vara text</translation>
    </message>
    <message>
        <source>must be true or false</source>
        <translation>måste vara true eller false</translation>
    </message>
    <message>
        <source>must be a group of fields</source>
        <translation>måste vara en grupp fält</translation>
    </message>
    <message>
        <source>must be a list</source>
        <translation>måste vara en lista</translation>
    </message>
    <message>
        <source>has an unknown field {0}</source>
        <translation>har ett okänt fält {0}</translation>
    </message>
    <message>
        <source>needs {0}</source>
        <translation>saknar {0}</translation>
    </message>
    <message>
        <source>cannot be {0}</source>
        <translation>kan inte vara {0}</translation>
    </message>
    <message>
        <source>is not valid JSON</source>
        <translation>är inte giltig JSON</translation>
    </message>
    <message>
        <source>tiers must start at threshold 0 and rise</source>
        <translation>nivåerna måste börja på tröskel 0 och stiga</translation>
    </message>
    <message>
        <source>reward {0} must cost either points or stamps</source>
        <translation>belöningen {0} måste kosta antingen poäng eller stämplar</translation>
    </message>
    <message>
        <source>reward ids must be unique</source>
        <translation>belöningarna måste ha olika id</translation>
    </message>
    <message>
        <source>the stamp card&apos;s reward {0} is not in the rewards</source>
        <translation>stämpelkortets belöning {0} finns inte bland belöningarna</translation>
    </message>
</context>
</TS>
