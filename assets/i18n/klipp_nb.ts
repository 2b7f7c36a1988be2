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
        <translation>Flere medlemmer passer: velg én</translation>
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
        <translation>{0} har tjent en {1}!</translation>
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
        <translation>{0} stempler til en {1}</translation>
    </message>
    <message>
        <source>Your {0} is ready!</source>
        <translation>Din {0} er klar!</translation>
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
        <translation>Leders PIN for å lukke kassen</translation>
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
        <translation>{0} av {1} stempler: {2} til en {3}</translation>
    </message>
    <message>
        <source>{0} of {1} stamps: a {2} is ready</source>
        <translation>{0} av {1} stempler: en {2} er klar</translation>
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
        <translation>{0} til {1}</translation>
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
        <translation>Innløste {0}</translation>
    </message>
    <message>
        <source>Used coupon: {0}</source>
        <translation>Brukte kupong: {0}</translation>
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
        <translation>Dette er en annen butikks kort.</translation>
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
        <translation>serveren svarer ikke</translation>
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
</TS>
