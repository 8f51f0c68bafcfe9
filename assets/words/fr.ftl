### swapguide's fixed words in French: every word the PDF and the HTML page
### print besides the guide's own text. One file per language; a guide may
### add or change messages with words.<lang>.ftl in its folder.
###
### Variables: $n, $total, $step, $page are numbers; $date is a date already
### written out in the language. Select plural forms with PLURAL($n), which
### follows current CLDR rules (one, two, few, many, other, zero).
### French plural categories: one (0 and 1), many (1000000 etc.), other.
### Typography: a narrow no-break space (U+202F) comes before ? and !, a
### no-break space (U+00A0) before a colon; apostrophes are ’ (U+2019).

## Cover

offline = Vous n’aurez pas besoin d’Internet pour suivre ce guide.
# The whole swap's time, on the cover.
minutes-total = { PLURAL($n) ->
    [one] Environ { $n } minute
    [many] Environ { $n } minutes
   *[other] Environ { $n } minutes
}
in-the-box = Contenu de la boîte
old-equipment = Votre ancien équipement (à renvoyer)
new-equipment = Votre nouvel équipement
# Before a model number: "Model TG-3482".
model = Modèle

## Punctuation

# After a label, before its value: "Carrier: UPS", "Done when: …".
colon = { "\u00A0: " }

## Help on every page

call-us = Besoin d’aide ? Appelez-nous
call-button = Appeler l’assistance
text-us = Écrivez-nous par texto
relay-tty = Service de relais / ATS
scan-to-call = Scannez pour appeler
scan-to-text = Scannez pour nous écrire
# The page footer.
page-of = Page { $n } sur { $total }

## Steps

steps = Étapes
contents = Sommaire
# A step's heading: "Step 3".
step-number = Étape { $n }
# A step's time, short, beside its number.
step-minutes = { $n } min
caution = Attention
tip = Conseil
# Before the sign that a step worked: "Done when: the light is green".
done-when = C’est terminé quand
# After a link to a step on paper: "… (step 3, page 4)".
see-step-page = étape { $step }, page { $page }
# After a link to a step on screen: "… (step 3)".
see-step = étape { $step }
# After a link to a troubleshooting entry on paper: "… (page 7)".
see-page = page { $page }

## Lights

lights = Signification des voyants
light-column-light = Voyant
light-column-looks = Aspect
light-column-means = Signification
all-good = Tout va bien

## Wi-Fi

wifi = Connectez-vous à votre Wi-Fi
network-name = Nom du réseau
password = Mot de passe
scan-to-join = Pointez l’appareil photo de votre téléphone vers le code pour vous connecter.

## Troubleshooting

troubleshooting = En cas de problème
still-stuck = Le problème persiste ? Appelez-nous :

## Return

return-title = Renvoyez votre ancien équipement
return-items = Mettez ces éléments dans la boîte
return-within = { PLURAL($n) ->
    [one] Renvoyez-le dans un délai de { $n } jour.
    [many] Renvoyez-le dans un délai de { $n } jours.
   *[other] Renvoyez-le dans un délai de { $n } jours.
}
# $date is written out, such as "December 20, 2026".
return-by = Renvoyez-le au plus tard le { $date }.
carrier = Transporteur
rma = Numéro de retour (RMA)
counter-code = Pas d’imprimante ? Présentez ce code au comptoir
label-title = Votre étiquette de retour prépayée
label-cut = Découpez le long des pointillés et fixez l’étiquette sur la boîte avec du ruban adhésif.
label-missing = Votre étiquette de retour prépayée est envoyée séparément. Appelez-nous si vous ne l’avez pas reçue.
label-in-print = Votre étiquette de retour prépayée se trouve à la dernière page de votre guide imprimé.
packing-slip = Bordereau de retour : mettez cette page dans la boîte

## Links and blanks

links = Ressources en ligne
needs-internet = Nécessite Internet
website = Notre site Web
# Under a blank line in a generic guide, where a customer's value goes.
write-in = à écrire ici

## The HTML page's buttons

mark-done = Marquer l’étape { $n } comme terminée
continue-at = Reprendre où vous en étiez : étape { $n }
start-over = Recommencer
copy = Copier
copied = Copié
saved-here = Les étapes cochées sont mémorisées sur cet appareil.
