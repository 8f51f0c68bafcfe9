### swapguide's fixed words in Haitian Creole: every word the PDF and the HTML page
### print besides the guide's own text. One file per language; a guide may
### add or change messages with words.<lang>.ftl in its folder.
###
### Variables: $n, $total, $step, $page are numbers; $date is a date already
### written out in the language. Select plural forms with PLURAL($n), which
### follows current CLDR rules (one, two, few, many, other, zero).

## Cover

offline = Ou p ap bezwen entènèt pou swiv gid sa a.
# The whole swap's time, on the cover.
minutes-total = Anviwon { $n } minit
in-the-box = Sa ki nan bwat la
old-equipment = Ansyen ekipman ou (pou ou voye tounen)
new-equipment = Nouvo ekipman ou
# Before a model number: "Model TG-3482".
model = Modèl

## Punctuation

# After a label, before its value: "Carrier: UPS", "Done when: …".
colon = { ": " }

## Help on every page

call-us = Ou bezwen èd? Rele nou
call-button = Rele sèvis sipò
text-us = Voye yon mesaj tèks ba nou
relay-tty = Sèvis relè / TTY
scan-to-call = Eskane pou rele
scan-to-text = Eskane pou voye yon mesaj tèks ba nou
# The page footer.
page-of = Paj { $n } sou { $total }

## Steps

steps = Etap yo
contents = Tab matyè
# A step's heading: "Step 3".
step-number = Etap { $n }
# A step's time, short, beside its number.
step-minutes = { $n } minit
caution = Atansyon
tip = Konsèy
# Before the sign that a step worked: "Done when: the light is green".
done-when = Etap la fini lè
# After a link to a step on paper: "… (step 3, page 4)".
see-step-page = etap { $step }, paj { $page }
# After a link to a step on screen: "… (step 3)".
see-step = etap { $step }
# After a link to a troubleshooting entry on paper: "… (page 7)".
see-page = paj { $page }

## Lights

lights = Sa limyè yo vle di
light-column-light = Limyè
light-column-looks = Sa ou wè
light-column-means = Sa sa vle di
all-good = Tout bagay anfòm

## Wi-Fi

wifi = Konekte ak Wi-Fi ou
network-name = Non rezo a
password = Modpas
scan-to-join = Vize kòd la ak kamera telefòn ou pou w konekte.

## Troubleshooting

troubleshooting = Si gen yon pwoblèm
still-stuck = Pwoblèm nan toujou la? Rele nou:

## Return

return-title = Voye ansyen ekipman ou tounen
return-items = Mete bagay sa yo nan bwat la
return-within = Ou gen { $n } jou pou voye l tounen.
# $date is written out, such as "December 20, 2026".
return-by = Voye l tounen pa pita pase { $date }.
carrier = Konpayi livrezon
rma = Nimewo retou (RMA)
counter-code = Ou pa gen enprimant? Montre kòd sa a nan kontwa a
label-title = Etikèt retou ou, ki deja peye
label-cut = Koupe swiv liy an tirè a, epi kole etikèt la sou bwat la ak tep.
label-missing = Etikèt retou ou, ki deja peye, ap vini apa. Si ou pa resevwa l, rele nou.
label-in-print = Ou ap jwenn etikèt retou ou, ki deja peye, sou dènye paj gid enprime ou a.
packing-slip = Lis sa ki nan bwat la: mete paj sa a nan bwat la

## Links and blanks

links = Plis resous sou entènèt
needs-internet = Bezwen entènèt
website = Sit entènèt nou
# Under a blank line in a generic guide, where a customer's value goes.
write-in = ekri l isit la

## The HTML page's buttons

mark-done = Mwen fini etap { $n }
continue-at = Kontinye kote ou te rete a: etap { $n }
start-over = Rekòmanse
copy = Kopye
copied = Fin kopye
saved-here = Aparèy sa a ap sonje etap ou make yo.
