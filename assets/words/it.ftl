### swapguide's fixed words in Italian: every word the PDF and the HTML page
### print besides the guide's own text. One file per language; a guide may
### add or change messages with words.<lang>.ftl in its folder.
###
### Variables: $n, $total, $step, $page are numbers; $date is a date already
### written out in the language. Select plural forms with PLURAL($n), which
### follows current CLDR rules (one, two, few, many, other, zero).
### Italian plural categories: one (1), many (1000000 etc.), other.

## Cover

offline = Per seguire questa guida non serve internet.
# The whole swap's time, on the cover.
minutes-total = { PLURAL($n) ->
    [one] Circa { $n } minuto
    [many] Circa { $n } minuti
   *[other] Circa { $n } minuti
}
in-the-box = Contenuto della confezione
old-equipment = Il vecchio apparecchio (da restituire)
new-equipment = Il nuovo apparecchio
# Before a model number: "Model TG-3482".
model = Modello

## Punctuation

# After a label, before its value: "Carrier: UPS", "Done when: …".
colon = { ": " }

## Help on every page

call-us = Serve aiuto? Ci chiami
call-button = Chiama l’assistenza
text-us = Ci invii un SMS
relay-tty = Servizio di relay / TTY
scan-to-call = Inquadri per chiamare
scan-to-text = Inquadri per scriverci
# The page footer.
page-of = Pagina { $n } di { $total }

## Steps

steps = Passaggi
contents = Indice
# A step's heading: "Step 3".
step-number = Passaggio { $n }
# A step's time, short, beside its number.
step-minutes = { $n } min
caution = Attenzione
tip = Consiglio
# Before the sign that a step worked: "Done when: the light is green".
done-when = Fatto quando
# After a link to a step on paper: "… (step 3, page 4)".
see-step-page = passaggio { $step }, pagina { $page }
# After a link to a step on screen: "… (step 3)".
see-step = passaggio { $step }
# After a link to a troubleshooting entry on paper: "… (page 7)".
see-page = pagina { $page }

## Lights

lights = Significato delle spie
light-column-light = Spia
light-column-looks = Aspetto
light-column-means = Significato
all-good = Tutto a posto

## Wi-Fi

wifi = Collegarsi al Wi-Fi
network-name = Nome della rete
password = Password
scan-to-join = Inquadri il codice con la fotocamera del telefono per collegarsi.

## Troubleshooting

troubleshooting = Se qualcosa non funziona
still-stuck = Il problema persiste? Ci chiami:

## Return

return-title = Restituire il vecchio apparecchio
return-items = Metta questi oggetti nella scatola
return-within = { PLURAL($n) ->
    [one] Lo restituisca entro { $n } giorno.
    [many] Lo restituisca entro { $n } giorni.
   *[other] Lo restituisca entro { $n } giorni.
}
# $date is written out, such as "December 20, 2026".
return-by = Lo restituisca entro il { $date }.
carrier = Corriere
rma = Numero di reso (RMA)
counter-code = Non ha una stampante? Mostri questo codice allo sportello
label-title = L’etichetta di reso prepagata
label-cut = Ritagli lungo la linea tratteggiata e fissi l’etichetta sulla scatola con del nastro adesivo.
label-missing = L’etichetta di reso prepagata viene inviata a parte. Se non l’ha ricevuta, ci chiami.
label-in-print = L’etichetta di reso prepagata si trova nell’ultima pagina della guida stampata.
packing-slip = Distinta di reso: metta questa pagina nella scatola

## Links and blanks

links = Risorse online
needs-internet = Richiede internet
website = Il nostro sito web
# Under a blank line in a generic guide, where a customer's value goes.
write-in = scriva qui

## The HTML page's buttons

mark-done = Segna il passaggio { $n } come completato
continue-at = Riprenda da dove aveva lasciato: passaggio { $n }
start-over = Ricomincia
copy = Copia
copied = Copiato
saved-here = I passaggi spuntati vengono memorizzati su questo dispositivo.
