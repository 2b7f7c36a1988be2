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
        <translation>{0} har tjänat ihop en {1}!</translation>
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
        <translation>{0} stämplar kvar till en {1}</translation>
    </message>
    <message>
        <source>Your {0} is ready!</source>
        <translation>Din {0} är klar!</translation>
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
        <translation>Chefens PIN för att stänga kassan</translation>
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
        <translation>{0} av {1} stämplar: {2} kvar till en {3}</translation>
    </message>
    <message>
        <source>{0} of {1} stamps: a {2} is ready</source>
        <translation>{0} av {1} stämplar: en {2} är klar</translation>
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
        <translation>Löste in {0}</translation>
    </message>
    <message>
        <source>Used coupon: {0}</source>
        <translation>Använde kupong: {0}</translation>
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
        <translation>Poäng förfallna</translation>
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
        <translation>Det här är en annan butiks kort.</translation>
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
        <translation>servern svarar inte</translation>
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
</TS>
