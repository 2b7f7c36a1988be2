<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="nb_NO">
<context>
    <name>CashierScreen</name>
    <message>
        <source>Card number, phone or name</source>
        <translation>Kortnummer, telefon eller navn</translation>
    </message>
    <message>
        <source>Find</source>
        <translation>Finn</translation>
    </message>
    <message>
        <source>Phone number</source>
        <translation>Telefonnummer</translation>
    </message>
    <message>
        <source>New member</source>
        <translation>Nytt medlem</translation>
    </message>
    <message>
        <source>Hold the card&apos;s code up to the camera</source>
        <translation>Hold kortets kode opp mot kameraet</translation>
    </message>
    <message>
        <source>Or use the scanner, type the card number, a phone number or a name.</source>
        <translation>Eller bruk skanneren, skriv kortnummer, telefonnummer eller navn.</translation>
    </message>
    <message>
        <source>Hold the code inside the frame</source>
        <translation>Hold koden inne i rammen</translation>
    </message>
    <message>
        <source>+1 stamp</source>
        <translation>+1 stempel</translation>
    </message>
    <message>
        <source>+2 stamps</source>
        <translation>+2 stempler</translation>
    </message>
    <message>
        <source>+3 stamps</source>
        <translation>+3 stempler</translation>
    </message>
    <message>
        <source>Purchase</source>
        <translation>Kjøp</translation>
    </message>
    <message>
        <source>Pay with cashback</source>
        <translation>Betal med bonus</translation>
    </message>
    <message>
        <source>Next customer</source>
        <translation>Neste kunde</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Tilbake</translation>
    </message>
    <message>
        <source>Several members match: choose one</source>
        <translation>Flere medlemmer passer: velg ett</translation>
    </message>
    <message>
        <source>Confirm</source>
        <translation>Bekreft</translation>
    </message>
    <message>
        <source>Find member</source>
        <translation>Finn medlem</translation>
    </message>
    <message>
        <source>No camera found. Scan with the USB scanner, type the card number, or use the phone number or name. A camera plugged in is picked up by itself.</source>
        <translation>Fant ikke noe kamera. Skann med USB-skanneren, skriv kortnummeret, eller bruk telefonnummer eller navn. Et kamera som kobles til, blir tatt i bruk av seg selv.</translation>
    </message>
    <message>
        <source>No member found. Check the spelling or the number.</source>
        <translation>Fant ikke noe medlem. Sjekk stavemåten eller nummeret.</translation>
    </message>
    <message>
        <source>{0} has earned a {1}!</source>
        <translation>{0} har tjent opp: {1}!</translation>
    </message>
    <message>
        <source>{0} for {1}</source>
        <translation>{0} til {1}</translation>
    </message>
    <message>
        <source>{0}: today&apos;s stamps are already given.</source>
        <translation>{0}: dagens stempler er allerede gitt.</translation>
    </message>
    <message>
        <source>{0} is here</source>
        <translation>{0} er her</translation>
    </message>
    <message>
        <source>{0} members match.</source>
        <translation>{0} medlemmer passer.</translation>
    </message>
    <message>
        <source>Undo ({0})</source>
        <translation>Angre ({0})</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>Angre</translation>
    </message>
    <message>
        <source>Today&apos;s stamps are given</source>
        <translation>Dagens stempler er gitt</translation>
    </message>
    <message>
        <source>{0} stamps</source>
        <translation>{0} stempler</translation>
    </message>
    <message>
        <source>{0} points</source>
        <translation>{0} poeng</translation>
    </message>
    <message>
        <source>Not enough for {0}: it needs {1}, the card has {2}.</source>
        <translation>Ikke nok til {0}: det trengs {1}, kortet har {2}.</translation>
    </message>
    <message>
        <source>{0} given to {1}</source>
        <translation>{0} gitt til {1}</translation>
    </message>
    <message>
        <source>Coupon used: {0}</source>
        <translation>Kupong brukt: {0}</translation>
    </message>
    <message>
        <source>Undone. The card is as before.</source>
        <translation>Angret. Kortet er som før.</translation>
    </message>
    <message>
        <source>Purchase amount</source>
        <translation>Kjøpsbeløp</translation>
    </message>
    <message>
        <source>Pay with cashback: amount</source>
        <translation>Betal med bonus: beløp</translation>
    </message>
    <message>
        <source>Type the amount</source>
        <translation>Skriv beløpet</translation>
    </message>
    <message>
        <source>+{0} points</source>
        <translation>+{0} poeng</translation>
    </message>
    <message>
        <source>+{0} cashback</source>
        <translation>+{0} bonus</translation>
    </message>
    <message>
        <source>{0} earns: {1}</source>
        <translation>{0} gir: {1}</translation>
    </message>
    <message>
        <source>nothing</source>
        <translation>ingenting</translation>
    </message>
    <message>
        <source>That is not an amount. Type it like 89{0}50.</source>
        <translation>Det er ikke et beløp. Skriv det som 89{0}50.</translation>
    </message>
    <message>
        <source>Paid {0} with cashback</source>
        <translation>Betalt {0} med bonus</translation>
    </message>
</context>
<context>
    <name>CustomerWindow</name>
    <message>
        <source>Welcome!</source>
        <translation>Velkommen!</translation>
    </message>
    <message>
        <source>Show your loyalty card to the cashier.</source>
        <translation>Vis kundekortet ditt til kassereren.</translation>
    </message>
    <message>
        <source>Hello, {0}!</source>
        <translation>Hei, {0}!</translation>
    </message>
    <message>
        <source>{0} more stamps to a {1}</source>
        <translation>{0} stempler igjen til {1}</translation>
    </message>
    <message>
        <source>Your {0} is ready!</source>
        <translation>{0} er klar til deg!</translation>
    </message>
    <message>
        <source>You have {0} points</source>
        <translation>Du har {0} poeng</translation>
    </message>
    <message>
        <source>Your new card: take a photo</source>
        <translation>Ditt nye kort: ta et bilde</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Finish or cancel the registration before scanning a card.</source>
        <translation>Fullfør eller avbryt registreringen før du skanner et kort.</translation>
    </message>
    <message>
        <source>Manager PIN to leave the till</source>
        <translation>Leder-PIN for å lukke kassen</translation>
    </message>
    <message>
        <source>Leave</source>
        <translation>Lukk</translation>
    </message>
    <message>
        <source>Back to the till</source>
        <translation>Tilbake til kassen</translation>
    </message>
    <message>
        <source>Light / dark</source>
        <translation>Lyst / mørkt</translation>
    </message>
    <message>
        <source>Close the till</source>
        <translation>Lukk kassen</translation>
    </message>
    <message>
        <source>Manager</source>
        <translation>Leder</translation>
    </message>
    <message>
        <source>The till stays open: {0}</source>
        <translation>Kassen forblir åpen: {0}</translation>
    </message>
</context>
<context>
    <name>MemberPanel</name>
    <message>
        <source>Member without a name</source>
        <translation>Medlem uten navn</translation>
    </message>
    <message>
        <source>{0} of {1} stamps: {2} more to a {3}</source>
        <translation>{0} av {1} stempler: {2} igjen til {3}</translation>
    </message>
    <message>
        <source>{0} of {1} stamps: a {2} is ready</source>
        <translation>{0} av {1} stempler: {2} er klar</translation>
    </message>
    <message>
        <source>Points: {0}</source>
        <translation>Poeng: {0}</translation>
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
        <translation>{0} besøk</translation>
    </message>
    <message>
        <source>{0} more to {1}</source>
        <translation>{0} igjen til {1}</translation>
    </message>
    <message>
        <source> (undone)</source>
        <translation> (angret)</translation>
    </message>
    <message>
        <source>Last actions</source>
        <translation>Siste handlinger</translation>
    </message>
    <message>
        <source>Nothing yet.</source>
        <translation>Ingenting ennå.</translation>
    </message>
    <message>
        <source>Coupons today and rewards</source>
        <translation>Kuponger i dag og belønninger</translation>
    </message>
    <message>
        <source>Use coupon: {0}</source>
        <translation>Bruk kupong: {0}</translation>
    </message>
    <message>
        <source>Pay with cashback ({0})</source>
        <translation>Betal med bonus ({0})</translation>
    </message>
    <message>
        <source>{0} stamps</source>
        <translation>{0} stempler</translation>
    </message>
    <message>
        <source>{0} points</source>
        <translation>{0} poeng</translation>
    </message>
    <message>
        <source>Give {0} ({1})</source>
        <translation>Gi {0} ({1})</translation>
    </message>
</context>
<context>
    <name>QLineEdit</name>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Angre</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;Gjør om</translation>
    </message>
    <message>
        <source>Cu&amp;t</source>
        <translation>Klipp u&amp;t</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>&amp;Kopier</translation>
    </message>
    <message>
        <source>&amp;Paste</source>
        <translation>&amp;Lim inn</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Slett</translation>
    </message>
    <message>
        <source>Select All</source>
        <translation>Merk alt</translation>
    </message>
</context>
<context>
    <name>RegisterScreen</name>
    <message>
        <source>New member</source>
        <translation>Nytt medlem</translation>
    </message>
    <message>
        <source>Name or nickname</source>
        <translation>Navn eller kallenavn</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Telefon</translation>
    </message>
    <message>
        <source>E-mail (optional)</source>
        <translation>E-post (valgfritt)</translation>
    </message>
    <message>
        <source>Birthday (optional, e.g. 1990-05-17)</source>
        <translation>Fødselsdag (valgfritt, f.eks. 1990-05-17)</translation>
    </message>
    <message>
        <source>We keep your name and contact details to run your loyalty card, and delete them when you ask. Offers by e-mail only if you tick the second box.</source>
        <translation>Vi lagrer navn og kontaktopplysninger for å drive kundekortet ditt, og sletter dem når du ber om det. Tilbud på e-post bare hvis du krysser av i den andre boksen.</translation>
    </message>
    <message>
        <source>I want a loyalty card and accept the terms (required)</source>
        <translation>Jeg vil ha kundekort og godtar vilkårene (påkrevd)</translation>
    </message>
    <message>
        <source>Send me offers by e-mail (optional)</source>
        <translation>Send meg tilbud på e-post (valgfritt)</translation>
    </message>
    <message>
        <source>Register</source>
        <translation>Registrer</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Avbryt</translation>
    </message>
    <message>
        <source>Save as PDF</source>
        <translation>Lagre som PDF</translation>
    </message>
    <message>
        <source>Print</source>
        <translation>Skriv ut</translation>
    </message>
    <message>
        <source>Done: show the member</source>
        <translation>Ferdig: vis medlemmet</translation>
    </message>
    <message>
        <source>Fill in the form with the customer.</source>
        <translation>Fyll ut skjemaet sammen med kunden.</translation>
    </message>
    <message>
        <source>Write a name or a nickname.</source>
        <translation>Skriv et navn eller kallenavn.</translation>
    </message>
    <message>
        <source>The customer must accept the terms to get a card.</source>
        <translation>Kunden må godta vilkårene for å få kort.</translation>
    </message>
    <message>
        <source>Welcome, {0}! Take a photo of your card.</source>
        <translation>Velkommen, {0}! Ta et bilde av kortet ditt.</translation>
    </message>
    <message>
        <source>{0} is a member.</source>
        <translation>{0} er medlem.</translation>
    </message>
    <message>
        <source>Saved: {0}</source>
        <translation>Lagret: {0}</translation>
    </message>
    <message>
        <source>The printer failed: {0}</source>
        <translation>Skriveren feilet: {0}</translation>
    </message>
    <message>
        <source>Printed.</source>
        <translation>Skrevet ut.</translation>
    </message>
</context>
<context>
    <name>fmt</name>
    <message>
        <source>+1 stamp</source>
        <translation>+1 stempel</translation>
    </message>
    <message>
        <source>+{0} stamps</source>
        <translation>+{0} stempler</translation>
    </message>
    <message>
        <source>+{0} points</source>
        <translation>+{0} poeng</translation>
    </message>
    <message>
        <source>+{0} cashback</source>
        <translation>+{0} bonus</translation>
    </message>
    <message>
        <source>Purchase {0}</source>
        <translation>Kjøp {0}</translation>
    </message>
    <message>
        <source>Redeemed {0}</source>
        <translation>Innløst: {0}</translation>
    </message>
    <message>
        <source>Used coupon: {0}</source>
        <translation>Kupong brukt: {0}</translation>
    </message>
    <message>
        <source>Paid {0} with cashback</source>
        <translation>Betalt {0} med bonus</translation>
    </message>
    <message>
        <source>Undone: {0}</source>
        <translation>Angret: {0}</translation>
    </message>
    <message>
        <source>Joined</source>
        <translation>Ble medlem</translation>
    </message>
    <message>
        <source>Corrected by a manager</source>
        <translation>Rettet av en leder</translation>
    </message>
    <message>
        <source>Points expired</source>
        <translation>Poeng utløpt</translation>
    </message>
    <message>
        <source>No actions on this till yet.</source>
        <translation>Ingen handlinger på denne kassen ennå.</translation>
    </message>
    <message>
        <source>an erased member</source>
        <translation>et slettet medlem</translation>
    </message>
    <message>
        <source>Last: {0} joined, {1}</source>
        <translation>Siste: {0} ble medlem, {1}</translation>
    </message>
    <message>
        <source>Last: {0} for {1}, {2}</source>
        <translation>Siste: {0} til {1}, {2}</translation>
    </message>
    <message>
        <source>This card has been blocked. Ask for the new card.</source>
        <translation>Dette kortet er sperret. Be om det nye kortet.</translation>
    </message>
    <message>
        <source>This card&apos;s member has left the programme.</source>
        <translation>Medlemmet med dette kortet har meldt seg ut.</translation>
    </message>
    <message>
        <source>This is another shop&apos;s card.</source>
        <translation>Dette kortet tilhører en annen butikk.</translation>
    </message>
    <message>
        <source>This card code is not valid (mistyped or forged).</source>
        <translation>Denne kortkoden er ikke gyldig (feilskrevet eller forfalsket).</translation>
    </message>
    <message>
        <source>This card is not on this till yet. Try again after the next sync.</source>
        <translation>Dette kortet er ikke på denne kassen ennå. Prøv igjen etter neste synkronisering.</translation>
    </message>
    <message>
        <source>That code is not a loyalty card.</source>
        <translation>Den koden er ikke et kundekort.</translation>
    </message>
    <message>
        <source>Not enough on the card: {0}</source>
        <translation>Ikke nok på kortet: {0}</translation>
    </message>
    <message>
        <source>Limit reached: {0}</source>
        <translation>Grensen er nådd: {0}</translation>
    </message>
</context>
<context>
    <name>manager</name>
    <message>
        <source>Klipp — manager</source>
        <translation>Klipp — leder</translation>
    </message>
    <message>
        <source>Manager PIN</source>
        <translation>Leder-PIN</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Åpne</translation>
    </message>
    <message>
        <source>Back to the till</source>
        <translation>Tilbake til kassen</translation>
    </message>
    <message>
        <source>Choose the manager PIN</source>
        <translation>Velg leder-PIN</translation>
    </message>
    <message>
        <source>No manager PIN is set yet. Choose 4 to 8 digits; you need it every time you open the back office.</source>
        <translation>Ingen leder-PIN er valgt ennå. Velg 4 til 8 sifre; du trenger den hver gang du åpner administrasjonen.</translation>
    </message>
    <message>
        <source>A PIN is 4 to 8 digits.</source>
        <translation>En PIN er 4 til 8 sifre.</translation>
    </message>
    <message>
        <source>Type the same PIN again</source>
        <translation>Skriv den samme PIN-en igjen</translation>
    </message>
    <message>
        <source>The two PINs differ; start again.</source>
        <translation>De to PIN-ene er ulike; begynn på nytt.</translation>
    </message>
    <message>
        <source>Purchases made before someone joins are not in the ledger (a till records purchases of members only), so &apos;before&apos; cannot be measured. This compares each member&apos;s first 30 days of membership with the rest of their membership up to the end of the range: spend per visit and visits per 30 days, for members with at least one recorded purchase in both. For a programme change it compares the members who visited in the 30 days before and after the new version was published. The figures describe what happened alongside; they cannot show that the programme caused it (seasons, prices and who chose to join all differ).</source>
        <translation>Kjøp gjort før noen blir medlem, finnes ikke i loggen (kassen registrerer bare kjøp fra medlemmer), så «før» kan ikke måles. Her sammenlignes hvert medlems første 30 dager som medlem med resten av medlemskapet fram til slutten av perioden: forbruk per besøk og besøk per 30 dager, for medlemmer med minst ett registrert kjøp i begge. Ved en programendring sammenlignes medlemmene som var innom de 30 dagene før og etter at den nye versjonen ble publisert. Tallene beskriver hva som skjedde samtidig; de kan ikke vise at programmet var årsaken (sesonger, priser og hvem som valgte å bli med, er ulike).</translation>
    </message>
    <message>
        <source>Welcome coupon</source>
        <translation>Velkomstkupong</translation>
    </message>
    <message>
        <source>Birthday coupon</source>
        <translation>Bursdagskupong</translation>
    </message>
    <message>
        <source>Coupon: {0}</source>
        <translation>Kupong: {0}</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>Vis</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Fra</translation>
    </message>
    <message>
        <source>to</source>
        <translation>til</translation>
    </message>
    <message>
        <source>Repeat-purchase share per week (%)</source>
        <translation>Andel gjenkjøp per uke (%)</translation>
    </message>
    <message>
        <source>Joined</source>
        <translation>Ble medlem</translation>
    </message>
    <message>
        <source>Members</source>
        <translation>Medlemmer</translation>
    </message>
    <message>
        <source>Reward or coupon</source>
        <translation>Belønning eller kupong</translation>
    </message>
    <message>
        <source>Issued</source>
        <translation>Utstedt</translation>
    </message>
    <message>
        <source>Redeemed</source>
        <translation>Innløst</translation>
    </message>
    <message>
        <source>Redemption rate</source>
        <translation>Andel innløst</translation>
    </message>
    <message>
        <source>Came back within 30 days</source>
        <translation>Kom tilbake innen 30 dager</translation>
    </message>
    <message>
        <source>How this is measured: </source>
        <translation>Slik måles dette: </translation>
    </message>
    <message>
        <source>Retention by cohort: of the members who joined in a month, the share who came back in each later month</source>
        <translation>Gjenkomst per kull: av medlemmene som ble med i en måned, andelen som kom tilbake i hver senere måned</translation>
    </message>
    <message>
        <source>Reward response, best first</source>
        <translation>Respons på belønninger, best først</translation>
    </message>
    <message>
        <source>Revenue alongside membership</source>
        <translation>Omsetning og medlemskap</translation>
    </message>
    <message>
        <source>The last day cannot come before the first day.</source>
        <translation>Siste dag kan ikke komme før første dag.</translation>
    </message>
    <message>
        <source>+{0} mo</source>
        <translation>+{0} mnd</translation>
    </message>
    <message>
        <source>{0} members with purchases in their first 30 days and after: spend per visit {1} then {2}; visits per 30 days {3} then {4}.</source>
        <translation>{0} medlemmer med kjøp både de første 30 dagene og senere: forbruk per besøk {1}, deretter {2}; besøk per 30 dager {3}, deretter {4}.</translation>
    </message>
    <message>
        <source>Not enough members with purchases both early and later yet.</source>
        <translation>Ennå ikke nok medlemmer med kjøp både tidlig og senere.</translation>
    </message>
    <message>
        <source>Around programme version {0} (30 days before and after), {1} members: spend per visit {2} then {3}; visits per 30 days {4} then {5}.</source>
        <translation>Rundt programversjon {0} (30 dager før og etter), {1} medlemmer: forbruk per besøk {2}, deretter {3}; besøk per 30 dager {4}, deretter {5}.</translation>
    </message>
    <message>
        <source>These figures describe what happened alongside; they do not show that the programme caused it.</source>
        <translation>Disse tallene beskriver hva som skjedde samtidig; de viser ikke at programmet var årsaken.</translation>
    </message>
    <message>
        <source>{0:+d} stamp</source>
        <translation>{0:+d} stempel</translation>
    </message>
    <message>
        <source>{0:+d} stamps</source>
        <translation>{0:+d} stempler</translation>
    </message>
    <message>
        <source>{0:+d} point</source>
        <translation>{0:+d} poeng</translation>
    </message>
    <message>
        <source>{0:+d} points</source>
        <translation>{0:+d} poeng</translation>
    </message>
    <message>
        <source>cashback {0}</source>
        <translation>bonus {0}</translation>
    </message>
    <message>
        <source>reward {0}</source>
        <translation>belønning {0}</translation>
    </message>
    <message>
        <source>undoes {0}</source>
        <translation>angrer {0}</translation>
    </message>
    <message>
        <source>this till</source>
        <translation>denne kassen</translation>
    </message>
    <message>
        <source>till …{0}</source>
        <translation>kasse …{0}</translation>
    </message>
    <message>
        <source>erased member</source>
        <translation>slettet medlem</translation>
    </message>
    <message>
        <source>no name (…{0})</source>
        <translation>uten navn (…{0})</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Når</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>Enhet</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Hva</translation>
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
        <translation>Filter: en type, en enhet, et medlems navn eller id, en dag…</translation>
    </message>
    <message>
        <source>Reload</source>
        <translation>Last inn på nytt</translation>
    </message>
    <message>
        <source>Visits</source>
        <translation>Besøk</translation>
    </message>
    <message>
        <source>Unique members</source>
        <translation>Unike medlemmer</translation>
    </message>
    <message>
        <source>New members</source>
        <translation>Nye medlemmer</translation>
    </message>
    <message>
        <source>Stamps given</source>
        <translation>Stempler gitt</translation>
    </message>
    <message>
        <source>Points earned</source>
        <translation>Poeng opptjent</translation>
    </message>
    <message>
        <source>Points redeemed</source>
        <translation>Poeng innløst</translation>
    </message>
    <message>
        <source>Rewards redeemed</source>
        <translation>Belønninger innløst</translation>
    </message>
    <message>
        <source>Coupons used</source>
        <translation>Kuponger brukt</translation>
    </message>
    <message>
        <source>Member revenue</source>
        <translation>Omsetning fra medlemmer</translation>
    </message>
    <message>
        <source>Repeat-visit rate</source>
        <translation>Andel gjenbesøk</translation>
    </message>
    <message>
        <source>Active members (30 days)</source>
        <translation>Aktive medlemmer (30 dager)</translation>
    </message>
    <message>
        <source>Active members (90 days)</source>
        <translation>Aktive medlemmer (90 dager)</translation>
    </message>
    <message>
        <source>Figure</source>
        <translation>Nøkkeltall</translation>
    </message>
    <message>
        <source>Change %</source>
        <translation>Endring %</translation>
    </message>
    <message>
        <source>Reward</source>
        <translation>Belønning</translation>
    </message>
    <message>
        <source>Hour</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>Week</source>
        <translation>Uke</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>Oversikt</translation>
    </message>
    <message>
        <source>whole organisation</source>
        <translation>hele organisasjonen</translation>
    </message>
    <message>
        <source>This period</source>
        <translation>Denne perioden</translation>
    </message>
    <message>
        <source>Before</source>
        <translation>Før</translation>
    </message>
    <message>
        <source>Week before</source>
        <translation>Uken før</translation>
    </message>
    <message>
        <source>new</source>
        <translation>ny</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Navn</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Telefon</translation>
    </message>
    <message>
        <source>Stamps</source>
        <translation>Stempler</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>Poeng</translation>
    </message>
    <message>
        <source>Cashback</source>
        <translation>Bonus</translation>
    </message>
    <message>
        <source>Spend</source>
        <translation>Forbruk</translation>
    </message>
    <message>
        <source>Search: name (any word start) or phone</source>
        <translation>Søk: navn (starten av et ord) eller telefon</translation>
    </message>
    <message>
        <source>{0} members</source>
        <translation>{0} medlemmer</translation>
    </message>
    <message>
        <source>Choose a member on the left.</source>
        <translation>Velg et medlem til venstre.</translation>
    </message>
    <message>
        <source>YYYY-MM-DD</source>
        <translation>DD.MM.ÅÅÅÅ</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>E-post</translation>
    </message>
    <message>
        <source>Birthday</source>
        <translation>Bursdag</translation>
    </message>
    <message>
        <source>Save profile</source>
        <translation>Lagre profil</translation>
    </message>
    <message>
        <source>New card</source>
        <translation>Nytt kort</translation>
    </message>
    <message>
        <source>Revoke the member&apos;s cards and issue a new one.</source>
        <translation>Sperr medlemmets kort og utsted et nytt.</translation>
    </message>
    <message>
        <source> øre</source>
        <translation> øre</translation>
    </message>
    <message>
        <source>Why (recorded with the correction)</source>
        <translation>Hvorfor (lagres sammen med rettelsen)</translation>
    </message>
    <message>
        <source>Adjust</source>
        <translation>Juster</translation>
    </message>
    <message>
        <source>Export (GDPR)…</source>
        <translation>Eksporter (GDPR)…</translation>
    </message>
    <message>
        <source>Erase…</source>
        <translation>Slett…</translation>
    </message>
    <message>
        <source>Erase for good</source>
        <translation>Slett for godt</translation>
    </message>
    <message>
        <source>Keep the member</source>
        <translation>Behold medlemmet</translation>
    </message>
    <message>
        <source>Shop</source>
        <translation>Butikk</translation>
    </message>
    <message>
        <source>Correct a balance</source>
        <translation>Rett en saldo</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Historikk</translation>
    </message>
    <message>
        <source>(erased)</source>
        <translation>(slettet)</translation>
    </message>
    <message>
        <source>{0} stamps · {1} points · cashback {2} · spent {3} · tier {4}</source>
        <translation>{0} stempler · {1} poeng · bonus {2} · brukt {3} · nivå {4}</translation>
    </message>
    <message>
        <source>Coupons: {0}</source>
        <translation>Kuponger: {0}</translation>
    </message>
    <message>
        <source>Cards: {0} in use, {1} revoked</source>
        <translation>Kort: {0} i bruk, {1} sperret</translation>
    </message>
    <message>
        <source>Profile saved.</source>
        <translation>Profilen er lagret.</translation>
    </message>
    <message>
        <source>New card issued; the old one no longer works. New code: {0}</source>
        <translation>Nytt kort utstedt; det gamle virker ikke lenger. Ny kode: {0}</translation>
    </message>
    <message>
        <source>Write why the balance is corrected.</source>
        <translation>Skriv hvorfor saldoen rettes.</translation>
    </message>
    <message>
        <source>Nothing to correct: every amount is zero.</source>
        <translation>Ingenting å rette: alle beløp er null.</translation>
    </message>
    <message>
        <source>Balance corrected.</source>
        <translation>Saldoen er rettet.</translation>
    </message>
    <message>
        <source>Export member data</source>
        <translation>Eksporter medlemsdata</translation>
    </message>
    <message>
        <source>Saved {0}</source>
        <translation>Lagret {0}</translation>
    </message>
    <message>
        <source>this member</source>
        <translation>dette medlemmet</translation>
    </message>
    <message>
        <source>Erase {0}? Erased for good, here and on every paired till: name, phone, e-mail, birthday, answers and consents, and their cards stop working. What stays, without a name: the visits, stamps, points and purchases in the ledger, so the shop&apos;s figures still add up.</source>
        <translation>Slette {0}? Slettes for godt, her og på alle sammenkoblede kasser: navn, telefon, e-post, bursdag, svar og samtykker, og kortene slutter å virke. Dette blir igjen, uten navn: besøkene, stemplene, poengene og kjøpene i loggen, slik at butikkens tall fortsatt går opp.</translation>
    </message>
    <message>
        <source>Member erased.</source>
        <translation>Medlemmet er slettet.</translation>
    </message>
    <message>
        <source>Choose a CSV file…</source>
        <translation>Velg en CSV-fil…</translation>
    </message>
    <message>
        <source>Import all rows</source>
        <translation>Importer alle rader</translation>
    </message>
    <message>
        <source>Columns: name; consent (yes on every row); phone; email; birthday; stamps; points; cashback_minor; marketing_consent. Separated by ; or , with a header row. Nothing is imported unless every row is right.</source>
        <translation>Kolonner: name; consent (yes på hver rad); phone; email; birthday; stamps; points; cashback_minor; marketing_consent. Skilt med ; eller , med en overskriftsrad. Ingenting importeres før hver rad er riktig.</translation>
    </message>
    <message>
        <source>Line</source>
        <translation>Linje</translation>
    </message>
    <message>
        <source>Import members</source>
        <translation>Importer medlemmer</translation>
    </message>
    <message>
        <source>Nothing will be imported until these are fixed:</source>
        <translation>Ingenting blir importert før disse er rettet:</translation>
    </message>
    <message>
        <source>{0} rows are ready to import.</source>
        <translation>{0} rader er klare til import.</translation>
    </message>
    <message>
        <source>Import all {0} rows</source>
        <translation>Importer alle {0} radene</translation>
    </message>
    <message>
        <source>{0} members imported.</source>
        <translation>{0} medlemmer importert.</translation>
    </message>
    <message>
        <source>Nothing was imported:</source>
        <translation>Ingenting ble importert:</translation>
    </message>
    <message>
        <source>Programme name</source>
        <translation>Programmets navn</translation>
    </message>
    <message>
        <source>Stamps for a reward</source>
        <translation>Stempler for en belønning</translation>
    </message>
    <message>
        <source>Reward for a full card</source>
        <translation>Belønning for et fullt kort</translation>
    </message>
    <message>
        <source>Products that earn stamps</source>
        <translation>Varer som gir stempler</translation>
    </message>
    <message>
        <source>Most stamps per visit</source>
        <translation>Flest stempler per besøk</translation>
    </message>
    <message>
        <source>Spend for one point (øre)</source>
        <translation>Forbruk for ett poeng (øre)</translation>
    </message>
    <message>
        <source>Points rounding</source>
        <translation>Avrunding av poeng</translation>
    </message>
    <message>
        <source>Cashback (1/100 %)</source>
        <translation>Bonus (1/100 %)</translation>
    </message>
    <message>
        <source>Most redemptions per day</source>
        <translation>Flest innløsninger per dag</translation>
    </message>
    <message>
        <source>Undo window (seconds)</source>
        <translation>Angrefrist (sekunder)</translation>
    </message>
    <message>
        <source>Points expire after idle days</source>
        <translation>Poeng utløper etter dager uten besøk</translation>
    </message>
    <message>
        <source>Consent wording version</source>
        <translation>Versjon av samtykketeksten</translation>
    </message>
    <message>
        <source>down</source>
        <translation>nedover</translation>
    </message>
    <message>
        <source>half up</source>
        <translation>til nærmeste (0,5 opp)</translation>
    </message>
    <message>
        <source>Not part of this programme (add it under Advanced).</source>
        <translation>Ikke med i dette programmet (legg det til under Avansert).</translation>
    </message>
    <message>
        <source>not in this programme</source>
        <translation>ikke med i dette programmet</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>Kontroller</translation>
    </message>
    <message>
        <source>Save and publish</source>
        <translation>Lagre og publiser</translation>
    </message>
    <message>
        <source>The programme</source>
        <translation>Programmet</translation>
    </message>
    <message>
        <source>Advanced: rewards catalogue, tiers and segment questions (at most five), as JSON</source>
        <translation>Avansert: belønningskatalog, nivåer og segmentspørsmål (høyst fem), som JSON</translation>
    </message>
    <message>
        <source>Preview: what a typical visit earns</source>
        <translation>Forhåndsvisning: hva et vanlig besøk gir</translation>
    </message>
    <message>
        <source>A purchase of</source>
        <translation>Et kjøp på</translation>
    </message>
    <message>
        <source>it must be an object {…}</source>
        <translation>det må være et objekt {…}</translation>
    </message>
    <message>
        <source>Advanced is not valid JSON: {0}</source>
        <translation>Avansert er ikke gyldig JSON: {0}</translation>
    </message>
    <message>
        <source>Fix the marked fields to see the preview.</source>
        <translation>Rett de merkede feltene for å se forhåndsvisningen.</translation>
    </message>
    <message>
        <source>1 stamp (a reward after {0}; at most {1} per visit)</source>
        <translation>1 stempel (en belønning etter {0}; høyst {1} per besøk)</translation>
    </message>
    <message>
        <source>{0} points</source>
        <translation>{0} poeng</translation>
    </message>
    <message>
        <source>{0} cashback</source>
        <translation>{0} bonus</translation>
    </message>
    <message>
        <source>nothing (no stamp card, points or cashback)</source>
        <translation>ingenting (ikke stempelkort, poeng eller bonus)</translation>
    </message>
    <message>
        <source>A visit with a purchase of {0} earns: {1}.</source>
        <translation>Et besøk med et kjøp på {0} gir: {1}.</translation>
    </message>
    <message>
        <source>The programme has problems; see the marked fields.</source>
        <translation>Programmet har feil; se de merkede feltene.</translation>
    </message>
    <message>
        <source>Programme version {0} published.</source>
        <translation>Programversjon {0} er publisert.</translation>
    </message>
    <message>
        <source>Whole organisation</source>
        <translation>Hele organisasjonen</translation>
    </message>
    <message>
        <source>All the organisation&apos;s shops (when the till is paired).</source>
        <translation>Alle organisasjonens butikker (når kassen er sammenkoblet).</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>I dag</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>Eksporter CSV…</translation>
    </message>
    <message>
        <source>Export PDF…</source>
        <translation>Eksporter PDF…</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Endring</translation>
    </message>
    <message>
        <source>A week before</source>
        <translation>En uke før</translation>
    </message>
    <message>
        <source>Visits per hour</source>
        <translation>Besøk per time</translation>
    </message>
    <message>
        <source>Visits, last 8 weeks</source>
        <translation>Besøk, siste 8 uker</translation>
    </message>
    <message>
        <source>Member revenue, last 8 weeks</source>
        <translation>Omsetning fra medlemmer, siste 8 uker</translation>
    </message>
    <message>
        <source>Rewards redeemed by reward</source>
        <translation>Innløste belønninger per belønning</translation>
    </message>
    <message>
        <source>Visits per hour, {0}</source>
        <translation>Besøk per time, {0}</translation>
    </message>
    <message>
        <source>This day</source>
        <translation>Denne dagen</translation>
    </message>
    <message>
        <source>Export CSV</source>
        <translation>Eksporter CSV</translation>
    </message>
    <message>
        <source>Export PDF</source>
        <translation>Eksporter PDF</translation>
    </message>
    <message>
        <source>Could not write {0}: {1}</source>
        <translation>Kunne ikke skrive {0}: {1}</translation>
    </message>
    <message>
        <source>Ask the server for conflicts</source>
        <translation>Spør serveren om konflikter</translation>
    </message>
    <message>
        <source>one-time pairing code</source>
        <translation>engangskode for sammenkobling</translation>
    </message>
    <message>
        <source>This till already has a shop: replace it with the server&apos;s (waiting events are exported first)</source>
        <translation>Denne kassen har allerede en butikk: erstatt den med serverens (ventende hendelser eksporteres først)</translation>
    </message>
    <message>
        <source>Pair with the server</source>
        <translation>Koble til serveren</translation>
    </message>
    <message>
        <source>Change PIN</source>
        <translation>Bytt PIN</translation>
    </message>
    <message>
        <source>Server address</source>
        <translation>Serveradresse</translation>
    </message>
    <message>
        <source>Pairing code</source>
        <translation>Sammenkoblingskode</translation>
    </message>
    <message>
        <source>Current PIN</source>
        <translation>Nåværende PIN</translation>
    </message>
    <message>
        <source>New PIN</source>
        <translation>Ny PIN</translation>
    </message>
    <message>
        <source>This till</source>
        <translation>Denne kassen</translation>
    </message>
    <message>
        <source>Sync</source>
        <translation>Synkronisering</translation>
    </message>
    <message>
        <source>Pair with a central server</source>
        <translation>Koble til en sentral server</translation>
    </message>
    <message>
        <source>{0} ({1})
Currency {2}, time zone {3}
Programme “{4}”, version {5}
Device {6}</source>
        <translation>{0} ({1})
Valuta {2}, tidssone {3}
Program «{4}», versjon {5}
Enhet {6}</translation>
    </message>
    <message>
        <source>Paired with {0}. {1} events waiting to be sent.</source>
        <translation>Koblet til {0}. {1} hendelser venter på å bli sendt.</translation>
    </message>
    <message>
        <source>Standalone till: not paired with a server. {0} events kept here.</source>
        <translation>Frittstående kasse: ikke koblet til en server. {0} hendelser lagret her.</translation>
    </message>
    <message>
        <source>{0}: redeemed on two offline tills; the balance went below zero ({1} stamps, {2} points). Talk to the member or correct the balance under Members.</source>
        <translation>{0}: innløst på to frakoblede kasser; saldoen gikk under null ({1} stempler, {2} poeng). Snakk med medlemmet eller rett saldoen under Medlemmer.</translation>
    </message>
    <message>
        <source>No conflicts: every balance adds up.</source>
        <translation>Ingen konflikter: alle saldoer går opp.</translation>
    </message>
    <message>
        <source>Type the server address and the pairing code.</source>
        <translation>Skriv serveradressen og sammenkoblingskoden.</translation>
    </message>
    <message>
        <source>Paired: this till is now {0} of {1}.</source>
        <translation>Koblet til: denne kassen er nå {0} i {1}.</translation>
    </message>
    <message>
        <source>The manager PIN is changed.</source>
        <translation>Leder-PIN er endret.</translation>
    </message>
    <message>
        <source>Welcome to Klipp. Which shop is this?</source>
        <translation>Velkommen til Klipp. Hvilken butikk er dette?</translation>
    </message>
    <message>
        <source>Shop name</source>
        <translation>Butikkens navn</translation>
    </message>
    <message>
        <source>Company (organisation)</source>
        <translation>Firma (organisasjon)</translation>
    </message>
    <message>
        <source>Currency</source>
        <translation>Valuta</translation>
    </message>
    <message>
        <source>Time zone</source>
        <translation>Tidssone</translation>
    </message>
    <message>
        <source>Café stamp card</source>
        <translation>Stempelkort for kafé</translation>
    </message>
    <message>
        <source>Points shop</source>
        <translation>Poengbutikk</translation>
    </message>
    <message>
        <source>Tiers (bronze, silver, gold)</source>
        <translation>Nivåer (bronse, sølv, gull)</translation>
    </message>
    <message>
        <source>How should members earn?</source>
        <translation>Hvordan skal medlemmene tjene?</translation>
    </message>
    <message>
        <source>Start from</source>
        <translation>Start fra</translation>
    </message>
    <message>
        <source>You can change every rule later under Programme.</source>
        <translation>Du kan endre alle regler senere under Program.</translation>
    </message>
    <message>
        <source>The manager PIN (4 to 8 digits)</source>
        <translation>Leder-PIN (4 til 8 sifre)</translation>
    </message>
    <message>
        <source>PIN</source>
        <translation>PIN</translation>
    </message>
    <message>
        <source>Again</source>
        <translation>Igjen</translation>
    </message>
    <message>
        <source>Connect to a central server? (optional)</source>
        <translation>Koble til en sentral server? (valgfritt)</translation>
    </message>
    <message>
        <source>Leave empty to run this till on its own.</source>
        <translation>La stå tomt for å kjøre denne kassen alene.</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Tilbake</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>Neste</translation>
    </message>
    <message>
        <source>Start the till</source>
        <translation>Start kassen</translation>
    </message>
    <message>
        <source>Give the shop a name.</source>
        <translation>Gi butikken et navn.</translation>
    </message>
    <message>
        <source>The two PINs differ.</source>
        <translation>De to PIN-ene er ulike.</translation>
    </message>
    <message>
        <source>Pairing needs both the server address and the code (or neither).</source>
        <translation>Sammenkobling trenger både serveradressen og koden (eller ingen av dem).</translation>
    </message>
    <message>
        <source>Does it pay?</source>
        <translation>Lønner programmet seg?</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>Importer</translation>
    </message>
    <message>
        <source>Audit trail</source>
        <translation>Revisjonslogg</translation>
    </message>
    <message>
        <source>Programme</source>
        <translation>Program</translation>
    </message>
    <message>
        <source>Till</source>
        <translation>Kasse</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Innstillinger</translation>
    </message>
    <message>
        <source>Back office. It locks by itself after a few minutes without a touch.</source>
        <translation>Administrasjon. Den låses automatisk etter noen minutter uten bruk.</translation>
    </message>
    <message>
        <source>became a member</source>
        <translation>ble medlem</translation>
    </message>
    <message>
        <source>personal data erased</source>
        <translation>personopplysninger slettet</translation>
    </message>
    <message>
        <source>card issued</source>
        <translation>kort utstedt</translation>
    </message>
    <message>
        <source>card revoked</source>
        <translation>kort sperret</translation>
    </message>
    <message>
        <source>stamp</source>
        <translation>stempel</translation>
    </message>
    <message>
        <source>purchase</source>
        <translation>kjøp</translation>
    </message>
    <message>
        <source>reward redeemed</source>
        <translation>belønning innløst</translation>
    </message>
    <message>
        <source>cashback spent</source>
        <translation>bonus brukt</translation>
    </message>
    <message>
        <source>coupon issued</source>
        <translation>kupong gitt</translation>
    </message>
    <message>
        <source>coupon used</source>
        <translation>kupong brukt</translation>
    </message>
    <message>
        <source>tier changed</source>
        <translation>nivå endret</translation>
    </message>
    <message>
        <source>points expired</source>
        <translation>poeng utløpt</translation>
    </message>
    <message>
        <source>balance corrected</source>
        <translation>saldo rettet</translation>
    </message>
    <message>
        <source>undone</source>
        <translation>angret</translation>
    </message>
    <message>
        <source>new programme version</source>
        <translation>ny programversjon</translation>
    </message>
    <message>
        <source>Find cameras</source>
        <translation>Finn kameraer</translation>
    </message>
    <message>
        <source>Start the scanner test</source>
        <translation>Start skannertesten</translation>
    </message>
    <message>
        <source>Scan any code with the camera or the USB scanner. Nobody gets a stamp during the test.</source>
        <translation>Skann en hvilken som helst kode med kameraet eller USB-skanneren. Ingen får stempel mens testen pågår.</translation>
    </message>
    <message>
        <source>empty: no receipt printer</source>
        <translation>tomt: ingen kvitteringsskriver</translation>
    </message>
    <message>
        <source>usb:04b8:0202 (USB, the printer&apos;s vendor and product id), net:192.168.1.50 (network) or file:/dev/usb/lp0</source>
        <translation>usb:04b8:0202 (USB, skriverens produsent- og produkt-ID), net:192.168.1.50 (nettverk) eller file:/dev/usb/lp0</translation>
    </message>
    <message>
        <source>Test print</source>
        <translation>Testutskrift</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>Lyst</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>Mørkt</translation>
    </message>
    <message>
        <source>Sounds</source>
        <translation>Lyder</translation>
    </message>
    <message>
        <source>A sound on every stamp, reward and refusal (the screen always says it too).</source>
        <translation>En lyd ved hvert stempel, hver belønning og hvert avvist kort (skjermen viser det alltid også).</translation>
    </message>
    <message>
        <source>Kiosk mode</source>
        <translation>Kioskmodus</translation>
    </message>
    <message>
        <source>Full screen; closing the till needs the manager PIN.</source>
        <translation>Fullskjerm; kassen lukkes bare med leder-PIN.</translation>
    </message>
    <message>
        <source>Auto-stamp</source>
        <translation>Automatisk stempel</translation>
    </message>
    <message>
        <source>The scan itself gives the visit&apos;s stamp: within the programme&apos;s stamps per visit, never twice for a card held in view, and with a large Undo on the cashier&apos;s screen for the undo window.</source>
        <translation>Selve skanningen gir besøkets stempel: innenfor programmets stempler per besøk, aldri to ganger for et kort som holdes foran kameraet, og med en stor Angre-knapp på kasseskjermen så lenge angrefristen varer.</translation>
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
        <translation>En regel i programmet: en ny angrefrist publiseres som en ny programversjon.</translation>
    </message>
    <message>
        <source>Save and use now</source>
        <translation>Lagre og ta i bruk</translation>
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
        <translation>Kvitteringsskriver</translation>
    </message>
    <message>
        <source>Idle times and undo</source>
        <translation>Tidsavbrudd og angring</translation>
    </message>
    <message>
        <source>The cashier&apos;s screen goes back to the start after</source>
        <translation>Kasseskjermen går tilbake til start etter</translation>
    </message>
    <message>
        <source>The back office locks itself after</source>
        <translation>Administrasjonen låser seg selv etter</translation>
    </message>
    <message>
        <source>Undo window</source>
        <translation>Angrefrist</translation>
    </message>
    <message>
        <source>The cashier&apos;s screen</source>
        <translation>Kasseskjermen</translation>
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
        <translation>Velg mellom {0} og {1} sekunder.</translation>
    </message>
    <message>
        <source>Choose between {0} and {1} minutes.</source>
        <translation>Velg mellom {0} og {1} minutter.</translation>
    </message>
    <message>
        <source>Write the printer as usb:VID:PID, net:ADDRESS or file:/PATH, or leave it empty.</source>
        <translation>Skriv skriveren som usb:VID:PID, net:ADRESSE eller file:/STI, eller la feltet stå tomt.</translation>
    </message>
    <message>
        <source>The programme does not allow an undo window of {0} seconds.</source>
        <translation>Programmet tillater ikke en angrefrist på {0} sekunder.</translation>
    </message>
    <message>
        <source>This value cannot be used.</source>
        <translation>Denne verdien kan ikke brukes.</translation>
    </message>
    <message>
        <source>Nothing was changed: see the marked fields.</source>
        <translation>Ingenting ble endret: se de merkede feltene.</translation>
    </message>
    <message>
        <source>The settings could not be saved ({0}); nothing was changed.</source>
        <translation>Innstillingene kunne ikke lagres ({0}); ingenting ble endret.</translation>
    </message>
    <message>
        <source>Saved and in use; the undo window is in programme version {0}.</source>
        <translation>Lagret og i bruk; angrefristen gjelder fra programversjon {0}.</translation>
    </message>
    <message>
        <source>Nothing to save: the settings are as they were.</source>
        <translation>Ingenting å lagre: innstillingene er som før.</translation>
    </message>
    <message>
        <source>Saved and in use. The back office speaks the new language the next time it is opened.</source>
        <translation>Lagret og i bruk. Administrasjonen får det nye språket neste gang den åpnes.</translation>
    </message>
    <message>
        <source>Saved and in use.</source>
        <translation>Lagret og i bruk.</translation>
    </message>
    <message>
        <source>The other settings are saved; the undo window was not: {0}</source>
        <translation>De andre innstillingene er lagret, men ikke angrefristen: {0}</translation>
    </message>
    <message>
        <source>Looking for cameras…</source>
        <translation>Leter etter kameraer …</translation>
    </message>
    <message>
        <source>Cameras found: {0}.</source>
        <translation>Kameraer funnet: {0}.</translation>
    </message>
    <message>
        <source>No camera found on this till. The USB scanner and typing work without one; plug a camera in and press Find cameras.</source>
        <translation>Fant ikke noe kamera på denne kassen. USB-skanneren og inntasting virker uten; koble til et kamera og trykk Finn kameraer.</translation>
    </message>
    <message>
        <source>The cameras could not be listed ({0}).</source>
        <translation>Kameraene kunne ikke listes opp ({0}).</translation>
    </message>
    <message>
        <source>No camera</source>
        <translation>Ikke noe kamera</translation>
    </message>
    <message>
        <source>Camera {0}</source>
        <translation>Kamera {0}</translation>
    </message>
    <message>
        <source>Camera {0} (not found now)</source>
        <translation>Kamera {0} (ikke funnet nå)</translation>
    </message>
    <message>
        <source>No camera picture</source>
        <translation>Ikke noe kamerabilde</translation>
    </message>
    <message>
        <source>Stop the scanner test</source>
        <translation>Stopp skannertesten</translation>
    </message>
    <message>
        <source>Waiting for a scan…</source>
        <translation>Venter på en skanning …</translation>
    </message>
    <message>
        <source>USB scanner</source>
        <translation>USB-skanner</translation>
    </message>
    <message>
        <source>Typed</source>
        <translation>Tastet inn</translation>
    </message>
    <message>
        <source>{0}: {1}</source>
        <translation>{0}: {1}</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>Sjekker …</translation>
    </message>
    <message>
        <source>a member without a name</source>
        <translation>et medlem uten navn</translation>
    </message>
    <message>
        <source>A card of this shop: {0}. Nobody got a stamp.</source>
        <translation>Et kort fra denne butikken: {0}. Ingen fikk stempel.</translation>
    </message>
    <message>
        <source>Not a loyalty card.</source>
        <translation>Ikke et kundekort.</translation>
    </message>
    <message>
        <source>Not a card of this shop: {0}</source>
        <translation>Ikke et kort fra denne butikken: {0}</translation>
    </message>
    <message>
        <source>Type the printer&apos;s address first.</source>
        <translation>Skriv inn skriverens adresse først.</translation>
    </message>
    <message>
        <source>Printing…</source>
        <translation>Skriver ut …</translation>
    </message>
    <message>
        <source>Sent to the printer. A card with the shop&apos;s name and a QR code should come out.</source>
        <translation>Sendt til skriveren. Et kort med butikkens navn og en QR-kode skal komme ut.</translation>
    </message>
    <message>
        <source>The printer did not print: {0}</source>
        <translation>Skriveren skrev ikke ut: {0}</translation>
    </message>
</context>
<context>
    <name>ops</name>
    <message>
        <source>Something went wrong ({0}); look at the last actions before trying again.</source>
        <translation>Noe gikk galt ({0}); se på de siste handlingene før du prøver igjen.</translation>
    </message>
</context>
<context>
    <name>sync</name>
    <message>
        <source>the server cannot be reached</source>
        <translation>får ikke kontakt med serveren</translation>
    </message>
    <message>
        <source>the server&apos;s certificate is not trusted; call support</source>
        <translation>serverens sertifikat er ikke til å stole på; ring brukerstøtte</translation>
    </message>
    <message>
        <source>the server has a fault; it will be tried again</source>
        <translation>serveren har en feil; vi prøver igjen</translation>
    </message>
    <message>
        <source>this till&apos;s pairing was revoked; a manager must pair it again</source>
        <translation>kassens tilkobling er trukket tilbake; en leder må koble den til igjen</translation>
    </message>
    <message>
        <source>the server refused some actions</source>
        <translation>serveren avviste noen handlinger</translation>
    </message>
    <message>
        <source>the server answered something unexpected; call support</source>
        <translation>serveren svarte noe uventet; ring brukerstøtte</translation>
    </message>
    <message>
        <source>sync failed</source>
        <translation>synkroniseringen mislyktes</translation>
    </message>
    <message>
        <source>Standalone till (not connected to a server).</source>
        <translation>Frittstående kasse (ikke koblet til en server).</translation>
    </message>
    <message>
        <source>Connecting to the server… {0} waiting to send.</source>
        <translation>Kobler til serveren … {0} venter på å sendes.</translation>
    </message>
    <message>
        <source> since {0}</source>
        <translation> siden {0}</translation>
    </message>
    <message>
        <source>Offline{0}: {1} waiting to send. The till works as usual.{2}</source>
        <translation>Frakoblet{0}: {1} venter på å sendes. Kassen virker som vanlig.{2}</translation>
    </message>
    <message>
        <source>Online: {0} waiting to send.</source>
        <translation>Tilkoblet: {0} venter på å sendes.</translation>
    </message>
</context>
<context>
    <name>validation</name>
    <message>
        <source>must be at least {0}</source>
        <translation>må være minst {0}</translation>
    </message>
    <message>
        <source>must be at most {0}</source>
        <translation>kan være høyst {0}</translation>
    </message>
    <message>
        <source>must have at least {0} characters</source>
        <translation>må ha minst {0} tegn</translation>
    </message>
    <message>
        <source>must have at most {0} characters</source>
        <translation>kan ha høyst {0} tegn</translation>
    </message>
    <message>
        <source>must have at most {0} entries</source>
        <translation>kan ha høyst {0} oppføringer</translation>
    </message>
    <message>
        <source>must have at least {0} entries</source>
        <translation>må ha minst {0} oppføringer</translation>
    </message>
    <message>
        <source>is not in the allowed form</source>
        <translation>har ikke tillatt form</translation>
    </message>
    <message>
        <source>must be a whole number</source>
        <translation>må være et helt tall</translation>
    </message>
    <message>
        <source>must be text</source>
        <translation>må være tekst</translation>
    </message>
    <message>
        <source>must be true or false</source>
        <translation>må være true eller false</translation>
    </message>
    <message>
        <source>must be a group of fields</source>
        <translation>må være en gruppe felt</translation>
    </message>
    <message>
        <source>must be a list</source>
        <translation>må være en liste</translation>
    </message>
    <message>
        <source>has an unknown field {0}</source>
        <translation>har et ukjent felt {0}</translation>
    </message>
    <message>
        <source>needs {0}</source>
        <translation>mangler {0}</translation>
    </message>
    <message>
        <source>cannot be {0}</source>
        <translation>kan ikke være {0}</translation>
    </message>
    <message>
        <source>is not valid JSON</source>
        <translation>er ikke gyldig JSON</translation>
    </message>
    <message>
        <source>tiers must start at threshold 0 and rise</source>
        <translation>nivåene må starte på terskel 0 og stige</translation>
    </message>
    <message>
        <source>reward {0} must cost either points or stamps</source>
        <translation>belønningen {0} må koste enten poeng eller stempler</translation>
    </message>
    <message>
        <source>reward ids must be unique</source>
        <translation>belønningene må ha ulik id</translation>
    </message>
    <message>
        <source>the stamp card&apos;s reward {0} is not in the rewards</source>
        <translation>stempelkortets belønning {0} finnes ikke blant belønningene</translation>
    </message>
</context>
</TS>
