### swapguide's fixed words in Hindi: every word the PDF and the HTML page
### print besides the guide's own text. One file per language; a guide may
### add or change messages with words.<lang>.ftl in its folder.
###
### Variables: $n, $total, $step, $page are numbers; $date is a date already
### written out in the language. Select plural forms with PLURAL($n), which
### follows current CLDR rules (one, two, few, many, other, zero).

## Cover

offline = इस गाइड के लिए आपको इंटरनेट की ज़रूरत नहीं होगी।
# The whole swap's time, on the cover.
minutes-total = { PLURAL($n) ->
    [one] लगभग { $n } मिनट
   *[other] लगभग { $n } मिनट
}
in-the-box = डिब्बे में क्या है
old-equipment = आपका पुराना उपकरण (इसे वापस भेजें)
new-equipment = आपका नया उपकरण
# Before a model number: "Model TG-3482".
model = मॉडल

## Punctuation

# After a label, before its value: "Carrier: UPS", "Done when: …".
colon = { ": " }

## Help on every page

call-us = मदद चाहिए? हमें कॉल करें
call-button = कस्टमर केयर को कॉल करें
text-us = हमें मैसेज भेजें
relay-tty = रिले सेवा / TTY
scan-to-call = कॉल करने के लिए स्कैन करें
scan-to-text = मैसेज भेजने के लिए स्कैन करें
# The page footer.
page-of = पेज { $n } / { $total }

## Steps

steps = चरण
contents = विषय-सूची
# A step's heading: "Step 3".
step-number = चरण { $n }
# A step's time, short, beside its number.
step-minutes = { $n } मिनट
caution = सावधानी
tip = सुझाव
# Before the sign that a step worked: "Done when: the light is green".
done-when = पूरा होने का संकेत
# After a link to a step on paper: "… (step 3, page 4)".
see-step-page = चरण { $step }, पेज { $page }
# After a link to a step on screen: "… (step 3)".
see-step = चरण { $step }
# After a link to a troubleshooting entry on paper: "… (page 7)".
see-page = पेज { $page }

## Lights

lights = लाइटों का मतलब
light-column-light = लाइट
light-column-looks = कैसी दिखती है
light-column-means = मतलब
all-good = सब ठीक है

## Wi-Fi

wifi = अपने वाई-फ़ाई से जुड़ें
network-name = नेटवर्क का नाम
password = पासवर्ड
scan-to-join = जुड़ने के लिए अपने फ़ोन का कैमरा कोड की ओर करें।

## Troubleshooting

troubleshooting = अगर कुछ गड़बड़ हो जाए
still-stuck = अब भी समस्या है? हमें कॉल करें:

## Return

return-title = अपना पुराना उपकरण वापस भेजें
return-items = ये चीज़ें डिब्बे में रखें
return-within = { PLURAL($n) ->
    [one] इसे { $n } दिन के अंदर वापस भेजें।
   *[other] इसे { $n } दिनों के अंदर वापस भेजें।
}
# $date is written out, such as "December 20, 2026".
return-by = इसे { $date } तक वापस भेजें।
carrier = कूरियर कंपनी
rma = वापसी नंबर (RMA)
counter-code = प्रिंटर नहीं है? काउंटर पर यह कोड दिखाएँ
label-title = आपका प्रीपेड रिटर्न लेबल
label-cut = डैश वाली लाइन पर काटें और लेबल को टेप से डिब्बे पर चिपकाएँ।
label-missing = आपका प्रीपेड रिटर्न लेबल अलग से भेजा जा रहा है। अगर यह न मिले, तो हमें कॉल करें।
label-in-print = आपका प्रीपेड रिटर्न लेबल आपकी छपी हुई गाइड के आख़िरी पेज पर है।
packing-slip = पैकिंग स्लिप: यह पेज डिब्बे में रखें

## Links and blanks

links = ऑनलाइन अतिरिक्त जानकारी
needs-internet = इंटरनेट ज़रूरी है
website = हमारी वेबसाइट
# Under a blank line in a generic guide, where a customer's value goes.
write-in = यहाँ लिखें

## The HTML page's buttons

mark-done = चरण { $n } को पूरा मार्क करें
continue-at = जहाँ छोड़ा था, वहीं से जारी रखें: चरण { $n }
start-over = फिर से शुरू करें
copy = कॉपी करें
copied = कॉपी हो गया
saved-here = टिक किए गए चरण इस डिवाइस पर याद रखे जाते हैं।
