### swapguide's fixed words in Spanish: every word the PDF and the HTML page
### print besides the guide's own text. One file per language; a guide may
### add or change messages with words.<lang>.ftl in its folder.
###
### Variables: $n, $total, $step, $page are numbers; $date is a date already
### written out in the language. Select plural forms with PLURAL($n), which
### follows current CLDR rules (one, two, few, many, other, zero).
### Spanish plural categories: one (1), many (1000000 etc.), other.

## Cover

offline = No necesitará internet para seguir esta guía.
# The whole swap's time, on the cover.
minutes-total = { PLURAL($n) ->
    [one] Aproximadamente { $n } minuto
    [many] Unos { $n } minutos
   *[other] Unos { $n } minutos
}
in-the-box = Qué hay en la caja
old-equipment = Su equipo anterior (devuélvalo)
new-equipment = Su equipo nuevo
# Before a model number: "Model TG-3482".
model = Modelo

## Punctuation

# After a label, before its value: "Carrier: UPS", "Done when: …".
colon = { ": " }

## Help on every page

call-us = ¿Necesita ayuda? Llámenos
call-button = Llamar a soporte
text-us = Envíenos un mensaje
relay-tty = Servicio de relé / TTY
scan-to-call = Escanee para llamar
scan-to-text = Escanee para escribirnos
# The page footer.
page-of = Página { $n } de { $total }

## Steps

steps = Pasos
contents = Contenido
# A step's heading: "Step 3".
step-number = Paso { $n }
# A step's time, short, beside its number.
step-minutes = { $n } min
caution = Precaución
tip = Consejo
# Before the sign that a step worked: "Done when: the light is green".
done-when = Listo cuando
# After a link to a step on paper: "… (step 3, page 4)".
see-step-page = paso { $step }, página { $page }
# After a link to a step on screen: "… (step 3)".
see-step = paso { $step }
# After a link to a troubleshooting entry on paper: "… (page 7)".
see-page = página { $page }

## Lights

lights = Qué significan las luces
light-column-light = Luz
light-column-looks = Cómo se ve
light-column-means = Significa
all-good = Todo bien

## Wi-Fi

wifi = Conéctese a su Wi-Fi
network-name = Nombre de la red
password = Contraseña
scan-to-join = Apunte la cámara de su teléfono al código para conectarse.

## Troubleshooting

troubleshooting = Si algo sale mal
still-stuck = ¿Sigue sin funcionar? Llámenos:

## Return

return-title = Devuelva su equipo anterior
return-items = Ponga esto en la caja
return-within = { PLURAL($n) ->
    [one] Devuélvalo en un plazo de { $n } día.
    [many] Devuélvalo en un plazo de { $n } días.
   *[other] Devuélvalo en un plazo de { $n } días.
}
# $date is written out, such as "December 20, 2026".
return-by = Devuélvalo a más tardar el { $date }.
carrier = Transportista
rma = Número de devolución (RMA)
counter-code = ¿No tiene impresora? Muestre este código en el mostrador
label-title = Su etiqueta de devolución prepagada
label-cut = Recorte por la línea discontinua y pegue la etiqueta en la caja.
label-missing = Su etiqueta de devolución prepagada llega por separado. Llámenos si no la tiene.
label-in-print = Su etiqueta de devolución prepagada está en la última página de su guía impresa.
packing-slip = Hoja de embalaje: ponga esta página en la caja

## Links and blanks

links = Extras en línea
needs-internet = Necesita internet
website = Nuestro sitio web
# Under a blank line in a generic guide, where a customer's value goes.
write-in = escríbalo aquí

## The HTML page's buttons

mark-done = Marcar el paso { $n } como hecho
continue-at = Continúe donde lo dejó: paso { $n }
start-over = Empezar de nuevo
copy = Copiar
copied = Copiado
saved-here = Los pasos marcados se recuerdan en este dispositivo.
