### swapguide's fixed words in English: every word the PDF and the HTML page
### print besides the guide's own text. One file per language; a guide may
### add or change messages with words.<lang>.ftl in its folder.
###
### Variables: $n, $total, $step, $page are numbers; $date is a date already
### written out in the language. Select plural forms with PLURAL($n), which
### follows current CLDR rules (one, two, few, many, other, zero).

## Cover

offline = You won't need the internet for this guide.
# The whole swap's time, on the cover.
minutes-total = { PLURAL($n) ->
    [one] About { $n } minute
   *[other] About { $n } minutes
}
in-the-box = What's in the box
old-equipment = Your old equipment (send it back)
new-equipment = Your new equipment
# Before a model number: "Model TG-3482".
model = Model

## Punctuation

# After a label, before its value: "Carrier: UPS", "Done when: …".
colon = { ": " }

## Help on every page

call-us = Need help? Call us
call-button = Call support
text-us = Text us
relay-tty = Relay / TTY
scan-to-call = Scan to call
scan-to-text = Scan to text us
# The page footer.
page-of = Page { $n } of { $total }

## Steps

steps = Steps
contents = Contents
# A step's heading: "Step 3".
step-number = Step { $n }
# A step's time, short, beside its number.
step-minutes = { $n } min
caution = Caution
tip = Tip
# Before the sign that a step worked: "Done when: the light is green".
done-when = Done when
# After a link to a step on paper: "… (step 3, page 4)".
see-step-page = step { $step }, page { $page }
# After a link to a step on screen: "… (step 3)".
see-step = step { $step }
# After a link to a troubleshooting entry on paper: "… (page 7)".
see-page = page { $page }

## Lights

lights = What the lights mean
light-column-light = Light
light-column-looks = Looks like
light-column-means = Means
all-good = All good

## Wi-Fi

wifi = Join your Wi-Fi
network-name = Network name
password = Password
scan-to-join = Point your phone's camera at the code to join.

## Troubleshooting

troubleshooting = If something goes wrong
still-stuck = Still stuck? Call us:

## Return

return-title = Send back your old equipment
return-items = Put these in the box
return-within = { PLURAL($n) ->
    [one] Send it back within { $n } day.
   *[other] Send it back within { $n } days.
}
# $date is written out, such as "December 20, 2026".
return-by = Send it back by { $date }.
carrier = Carrier
rma = Return number (RMA)
counter-code = No printer? Show this code at the counter
label-title = Your prepaid return label
label-cut = Cut along the dashed line and tape the label to the box.
label-missing = Your prepaid return label is sent separately. Call us if it is missing.
label-in-print = Your prepaid return label is on the last page of your printed guide.
packing-slip = Packing slip: put this page in the box

## Links and blanks

links = Online extras
needs-internet = Needs internet
website = Our website
# Under a blank line in a generic guide, where a customer's value goes.
write-in = write it here

## The HTML page's buttons

mark-done = Mark step { $n } done
continue-at = Continue where you left off: step { $n }
start-over = Start over
copy = Copy
copied = Copied
saved-here = Ticked steps are remembered on this device.
