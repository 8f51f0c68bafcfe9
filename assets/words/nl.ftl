### swapguide's fixed words in Dutch: every word the PDF and the HTML page
### print besides the guide's own text. One file per language; a guide may
### add or change messages with words.<lang>.ftl in its folder.
###
### Variables: $n, $total, $step, $page are numbers; $date is a date already
### written out in the language. Select plural forms with PLURAL($n), which
### follows current CLDR rules (one, two, few, many, other, zero).

## Cover

offline = U hebt geen internet nodig voor deze handleiding.
# The whole swap's time, on the cover.
minutes-total = { PLURAL($n) ->
    [one] Ongeveer { $n } minuut
   *[other] Ongeveer { $n } minuten
}
in-the-box = Wat zit er in de doos
old-equipment = Uw oude apparatuur (terugsturen)
new-equipment = Uw nieuwe apparatuur
# Before a model number: "Model TG-3482".
model = Model

## Punctuation

# After a label, before its value: "Carrier: UPS", "Done when: …".
colon = { ": " }

## Help on every page

call-us = Hulp nodig? Bel ons
call-button = Bel de klantenservice
text-us = Stuur ons een sms
relay-tty = Tolkdienst / teksttelefoon
scan-to-call = Scan om te bellen
scan-to-text = Scan om ons een sms te sturen
# The page footer.
page-of = Pagina { $n } van { $total }

## Steps

steps = Stappen
contents = Inhoud
# A step's heading: "Step 3".
step-number = Stap { $n }
# A step's time, short, beside its number.
step-minutes = { $n } min
caution = Let op
tip = Tip
# Before the sign that a step worked: "Done when: the light is green".
done-when = Klaar als
# After a link to a step on paper: "… (step 3, page 4)".
see-step-page = stap { $step }, pagina { $page }
# After a link to a step on screen: "… (step 3)".
see-step = stap { $step }
# After a link to a troubleshooting entry on paper: "… (page 7)".
see-page = pagina { $page }

## Lights

lights = Wat de lampjes betekenen
light-column-light = Lampje
light-column-looks = Wat u ziet
light-column-means = Betekenis
all-good = Alles in orde

## Wi-Fi

wifi = Verbinding maken met uw Wi-Fi
network-name = Netwerknaam
password = Wachtwoord
scan-to-join = Richt de camera van uw telefoon op de code om verbinding te maken.

## Troubleshooting

troubleshooting = Als er iets misgaat
still-stuck = Lukt het nog steeds niet? Bel ons:

## Return

return-title = Stuur uw oude apparatuur terug
return-items = Doe dit in de doos
return-within = { PLURAL($n) ->
    [one] Stuur het binnen { $n } dag terug.
   *[other] Stuur het binnen { $n } dagen terug.
}
# $date is written out, such as "December 20, 2026".
return-by = Stuur het uiterlijk { $date } terug.
carrier = Vervoerder
rma = Retournummer (RMA)
counter-code = Geen printer? Laat deze code zien aan de balie
label-title = Uw gefrankeerde retourlabel
label-cut = Knip het label langs de stippellijn uit en plak het met plakband op de doos.
label-missing = Uw gefrankeerde retourlabel wordt apart verstuurd. Bel ons als u het niet hebt ontvangen.
label-in-print = Uw gefrankeerde retourlabel staat op de laatste pagina van uw gedrukte handleiding.
packing-slip = Pakbon: leg deze pagina in de doos

## Links and blanks

links = Extra's online
needs-internet = Vereist internet
website = Onze website
# Under a blank line in a generic guide, where a customer's value goes.
write-in = vul hier in

## The HTML page's buttons

mark-done = Stap { $n } afvinken
continue-at = Verder waar u was gebleven: stap { $n }
start-over = Opnieuw beginnen
copy = Kopiëren
copied = Gekopieerd
saved-here = Afgevinkte stappen worden op dit apparaat onthouden.
