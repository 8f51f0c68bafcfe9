### swapguide's fixed words in Tagalog (Filipino): every word the PDF and the HTML page
### print besides the guide's own text. One file per language; a guide may
### add or change messages with words.<lang>.ftl in its folder.
###
### Variables: $n, $total, $step, $page are numbers; $date is a date already
### written out in the language. Select plural forms with PLURAL($n), which
### follows current CLDR rules (one, two, few, many, other, zero).

## Cover

offline = Hindi ninyo kailangan ng internet para sa gabay na ito.
# The whole swap's time, on the cover.
minutes-total = Humigit-kumulang { $n } minuto
in-the-box = Laman ng kahon
old-equipment = Ang inyong lumang kagamitan (ibabalik ninyo ito)
new-equipment = Ang inyong bagong kagamitan
# Before a model number: "Model TG-3482".
model = Modelo

## Punctuation

# After a label, before its value: "Carrier: UPS", "Done when: …".
colon = { ": " }

## Help on every page

call-us = Kailangan ninyo ng tulong? Tumawag po sa amin
call-button = Tumawag sa suporta
text-us = Mag-text sa amin
relay-tty = Relay / TTY
scan-to-call = I-scan para tumawag
scan-to-text = I-scan para mag-text sa amin
# The page footer.
page-of = Pahina { $n } ng { $total }

## Steps

steps = Mga hakbang
contents = Nilalaman
# A step's heading: "Step 3".
step-number = Hakbang { $n }
# A step's time, short, beside its number.
step-minutes = { $n } minuto
caution = Mag-ingat
tip = Payo
# Before the sign that a step worked: "Done when: the light is green".
done-when = Tapos na kapag
# After a link to a step on paper: "… (step 3, page 4)".
see-step-page = hakbang { $step }, pahina { $page }
# After a link to a step on screen: "… (step 3)".
see-step = hakbang { $step }
# After a link to a troubleshooting entry on paper: "… (page 7)".
see-page = pahina { $page }

## Lights

lights = Ano ang ibig sabihin ng mga ilaw
light-column-light = Ilaw
light-column-looks = Hitsura
light-column-means = Ibig sabihin
all-good = Maayos ang lahat

## Wi-Fi

wifi = Kumonekta sa inyong Wi-Fi
network-name = Pangalan ng network
password = Password
scan-to-join = Itutok ang camera ng inyong telepono sa code para kumonekta.

## Troubleshooting

troubleshooting = Kung may problema
still-stuck = Hindi pa rin maayos? Tumawag po sa amin:

## Return

return-title = Ibalik ang inyong lumang kagamitan
return-items = Ilagay ang mga ito sa kahon
return-within = Ibalik ito sa loob ng { $n } araw.
# $date is written out, such as "December 20, 2026".
return-by = Ibalik ito nang hindi lalampas sa { $date }.
carrier = Courier
rma = Numero ng pagbabalik (RMA)
counter-code = Walang printer? Ipakita ang code na ito sa counter
label-title = Ang inyong prepaid na label para sa pagbabalik
label-cut = Gupitin sa putol-putol na linya at idikit ang label sa kahon gamit ang tape.
label-missing = Hiwalay na ipinapadala ang inyong prepaid na label para sa pagbabalik. Tumawag po sa amin kung hindi ninyo ito natanggap.
label-in-print = Nasa huling pahina ng naka-print na gabay ang inyong prepaid na label para sa pagbabalik.
packing-slip = Listahan ng laman: ilagay ang pahinang ito sa kahon

## Links and blanks

links = Karagdagang impormasyon online
needs-internet = Kailangan ng internet
website = Ang aming website
# Under a blank line in a generic guide, where a customer's value goes.
write-in = isulat dito

## The HTML page's buttons

mark-done = Tapos na ang hakbang { $n }
continue-at = Ituloy kung saan kayo huminto: hakbang { $n }
start-over = Magsimula ulit
copy = Kopyahin
copied = Nakopya na
saved-here = Natatandaan ng device na ito ang mga hakbang na may tsek.
