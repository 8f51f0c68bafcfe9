### swapguide's fixed words in German: every word the PDF and the HTML page
### print besides the guide's own text. One file per language; a guide may
### add or change messages with words.<lang>.ftl in its folder.
###
### Variables: $n, $total, $step, $page are numbers; $date is a date already
### written out in the language. Select plural forms with PLURAL($n), which
### follows current CLDR rules (one, two, few, many, other, zero).
### German plural categories: one (1), other. CLDR has no "many" for German.

## Cover

offline = Für diese Anleitung brauchen Sie kein Internet.
# The whole swap's time, on the cover.
minutes-total = { PLURAL($n) ->
    [one] Etwa { $n } Minute
   *[other] Etwa { $n } Minuten
}
in-the-box = Lieferumfang
old-equipment = Ihr altes Gerät (bitte zurücksenden)
new-equipment = Ihr neues Gerät
# Before a model number: "Model TG-3482".
model = Modell

## Punctuation

# After a label, before its value: "Carrier: UPS", "Done when: …".
colon = { ": " }

## Help on every page

call-us = Brauchen Sie Hilfe? Rufen Sie uns an
call-button = Kundenservice anrufen
text-us = Schreiben Sie uns eine SMS
relay-tty = Relay-Dienst / TTY
scan-to-call = Zum Anrufen scannen
scan-to-text = Zum Schreiben scannen
# The page footer.
page-of = Seite { $n } von { $total }

## Steps

steps = Schritte
contents = Inhalt
# A step's heading: "Step 3".
step-number = Schritt { $n }
# A step's time, short, beside its number.
step-minutes = { $n } Min.
caution = Vorsicht
tip = Tipp
# Before the sign that a step worked: "Done when: the light is green".
done-when = Erledigt, wenn
# After a link to a step on paper: "… (step 3, page 4)".
see-step-page = Schritt { $step }, Seite { $page }
# After a link to a step on screen: "… (step 3)".
see-step = Schritt { $step }
# After a link to a troubleshooting entry on paper: "… (page 7)".
see-page = Seite { $page }

## Lights

lights = Was die Leuchtanzeigen bedeuten
light-column-light = Anzeige
light-column-looks = Aussehen
light-column-means = Bedeutung
all-good = Alles in Ordnung

## Wi-Fi

wifi = Mit Ihrem WLAN verbinden
network-name = Netzwerkname
password = Passwort
scan-to-join = Richten Sie die Kamera Ihres Handys auf den Code, um sich zu verbinden.

## Troubleshooting

troubleshooting = Wenn etwas nicht klappt
still-stuck = Kommen Sie nicht weiter? Rufen Sie uns an:

## Return

return-title = Ihr altes Gerät zurücksenden
return-items = Legen Sie diese Teile in den Karton
return-within = { PLURAL($n) ->
    [one] Senden Sie es innerhalb von { $n } Tag zurück.
   *[other] Senden Sie es innerhalb von { $n } Tagen zurück.
}
# $date is written out, such as "December 20, 2026".
return-by = Senden Sie es bis zum { $date } zurück.
carrier = Versanddienst
rma = Rücksendenummer (RMA)
counter-code = Kein Drucker? Zeigen Sie diesen Code am Schalter vor
label-title = Ihr vorfrankiertes Rücksendeetikett
label-cut = Schneiden Sie das Etikett an der gestrichelten Linie aus und kleben Sie es mit Klebeband auf den Karton.
label-missing = Ihr vorfrankiertes Rücksendeetikett kommt mit separater Post. Rufen Sie uns an, falls es fehlt.
label-in-print = Ihr vorfrankiertes Rücksendeetikett finden Sie auf der letzten Seite Ihrer gedruckten Anleitung.
packing-slip = Rücksendeschein: Legen Sie diese Seite in den Karton

## Links and blanks

links = Online-Extras
needs-internet = Internet erforderlich
website = Unsere Website
# Under a blank line in a generic guide, where a customer's value goes.
write-in = hier eintragen

## The HTML page's buttons

mark-done = Schritt { $n } als erledigt markieren
continue-at = Weitermachen, wo Sie aufgehört haben: Schritt { $n }
start-over = Von vorn beginnen
copy = Kopieren
copied = Kopiert
saved-here = Abgehakte Schritte werden auf diesem Gerät gespeichert.
