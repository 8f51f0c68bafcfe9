### swapguide's fixed words in Polish: every word the PDF and the HTML page
### print besides the guide's own text. One file per language; a guide may
### add or change messages with words.<lang>.ftl in its folder.
###
### Variables: $n, $total, $step, $page are numbers; $date is a date already
### written out in the language. Select plural forms with PLURAL($n), which
### follows current CLDR rules (one, two, few, many, other, zero).

## Cover

offline = Ta instrukcja nie wymaga internetu.
# The whole swap's time, on the cover.
minutes-total = { PLURAL($n) ->
    [one] Około { $n } minuty
    [few] Około { $n } minut
    [many] Około { $n } minut
   *[other] Około { $n } minuty
}
in-the-box = Zawartość opakowania
old-equipment = Stary sprzęt (do odesłania)
new-equipment = Nowy sprzęt
# Before a model number: "Model TG-3482".
model = Model

## Punctuation

# After a label, before its value: "Carrier: UPS", "Done when: …".
colon = { ": " }

## Help on every page

call-us = Potrzebna pomoc? Prosimy dzwonić
call-button = Zadzwoń na infolinię
text-us = Kontakt SMS
relay-tty = Dla niesłyszących (Relay / TTY)
scan-to-call = Kod QR do połączenia
scan-to-text = Kod QR do wysłania SMS-a
# The page footer.
page-of = Strona { $n } z { $total }

## Steps

steps = Kroki
contents = Spis treści
# A step's heading: "Step 3".
step-number = Krok { $n }
# A step's time, short, beside its number.
step-minutes = { $n } min
caution = Uwaga
tip = Wskazówka
# Before the sign that a step worked: "Done when: the light is green".
done-when = Gotowe, gdy
# After a link to a step on paper: "… (step 3, page 4)".
see-step-page = krok { $step }, strona { $page }
# After a link to a step on screen: "… (step 3)".
see-step = krok { $step }
# After a link to a troubleshooting entry on paper: "… (page 7)".
see-page = strona { $page }

## Lights

lights = Co oznaczają kontrolki
light-column-light = Kontrolka
light-column-looks = Stan
light-column-means = Znaczenie
all-good = Wszystko w porządku

## Wi-Fi

wifi = Łączenie z siecią Wi-Fi
network-name = Nazwa sieci
password = Hasło
scan-to-join = Aby połączyć się z siecią, wystarczy skierować aparat telefonu na kod.

## Troubleshooting

troubleshooting = Jeśli coś pójdzie nie tak
still-stuck = Nadal nie działa? Prosimy zadzwonić:

## Return

return-title = Zwrot starego sprzętu
return-items = Co włożyć do pudełka
return-within = { PLURAL($n) ->
    [one] Prosimy odesłać sprzęt w ciągu { $n } dnia.
    [few] Prosimy odesłać sprzęt w ciągu { $n } dni.
    [many] Prosimy odesłać sprzęt w ciągu { $n } dni.
   *[other] Prosimy odesłać sprzęt w ciągu { $n } dnia.
}
# $date is written out, such as "December 20, 2026".
return-by = Prosimy odesłać sprzęt do { $date }.
carrier = Przewoźnik
rma = Numer zwrotu (RMA)
counter-code = Brak drukarki? Wystarczy pokazać ten kod w punkcie nadania
label-title = Opłacona etykieta zwrotna
label-cut = Etykietę należy wyciąć wzdłuż linii przerywanej i przykleić taśmą do pudełka.
label-missing = Opłaconą etykietę zwrotną wysyłamy osobno. Jeśli jej brakuje, prosimy zadzwonić.
label-in-print = Opłacona etykieta zwrotna znajduje się na ostatniej stronie wydrukowanej instrukcji.
packing-slip = Formularz zwrotu: tę stronę należy włożyć do pudełka

## Links and blanks

links = Dodatkowe materiały online
needs-internet = Wymaga internetu
website = Nasza strona internetowa
# Under a blank line in a generic guide, where a customer's value goes.
write-in = wpisać tutaj

## The HTML page's buttons

mark-done = Krok { $n } wykonany
continue-at = Powrót do miejsca przerwania: krok { $n }
start-over = Zacznij od nowa
copy = Kopiuj
copied = Skopiowano
saved-here = Zaznaczone kroki są zapamiętywane na tym urządzeniu.
