### swapguide's fixed words in Hebrew: every word the PDF and the HTML page
### print besides the guide's own text. One file per language; a guide may
### add or change messages with words.<lang>.ftl in its folder.
###
### Variables: $n, $total, $step, $page are numbers; $date is a date already
### written out in the language. Select plural forms with PLURAL($n), which
### follows current CLDR rules (one, two, few, many, other, zero).

## Cover

offline = אין צורך באינטרנט כדי להשתמש במדריך הזה.
# The whole swap's time, on the cover.
minutes-total = { PLURAL($n) ->
    [one] כדקה אחת
    [two] כשתי דקות
   *[other] כ-{ $n } דקות
}
in-the-box = תכולת האריזה
old-equipment = הציוד הישן שלכם (יש להחזיר אותו)
new-equipment = הציוד החדש שלכם
# Before a model number: "Model TG-3482".
model = דגם

## Punctuation

# After a label, before its value: "Carrier: UPS", "Done when: …".
colon = { ": " }

## Help on every page

call-us = זקוקים לעזרה? התקשרו אלינו
call-button = התקשרו לתמיכה
text-us = שלחו לנו הודעה
relay-tty = שירות ממסר / TTY
scan-to-call = סרקו כדי להתקשר
scan-to-text = סרקו כדי לשלוח לנו הודעה
# The page footer.
page-of = עמוד { $n } מתוך { $total }

## Steps

steps = שלבים
contents = תוכן העניינים
# A step's heading: "Step 3".
step-number = שלב { $n }
# A step's time, short, beside its number.
step-minutes = { $n } דק׳
caution = זהירות
tip = טיפ
# Before the sign that a step worked: "Done when: the light is green".
done-when = סימן שהשלב הושלם
# After a link to a step on paper: "… (step 3, page 4)".
see-step-page = שלב { $step }, עמוד { $page }
# After a link to a step on screen: "… (step 3)".
see-step = שלב { $step }
# After a link to a troubleshooting entry on paper: "… (page 7)".
see-page = עמוד { $page }

## Lights

lights = משמעות הנוריות
light-column-light = נורית
light-column-looks = איך היא נראית
light-column-means = משמעות
all-good = הכול תקין

## Wi-Fi

wifi = התחברות לרשת ה-Wi-Fi
network-name = שם הרשת
password = סיסמה
scan-to-join = כוונו את מצלמת הטלפון אל הקוד כדי להתחבר.

## Troubleshooting

troubleshooting = אם משהו לא עובד
still-stuck = הבעיה לא נפתרה? התקשרו אלינו:

## Return

return-title = החזרת הציוד הישן
return-items = הכניסו לקופסה את הפריטים הבאים
return-within = { PLURAL($n) ->
    [one] יש להחזיר את הציוד תוך יום אחד.
    [two] יש להחזיר את הציוד תוך יומיים.
   *[other] יש להחזיר את הציוד תוך { $n } ימים.
}
# $date is written out, such as "December 20, 2026".
return-by = יש להחזיר את הציוד עד { $date }.
carrier = חברת השילוח
rma = מספר החזרה (RMA)
counter-code = אין לכם מדפסת? הציגו את הקוד הזה בדלפק בסניף
label-title = תווית ההחזרה שלכם (דמי המשלוח כבר שולמו)
label-cut = גזרו לאורך הקו המקווקו והדביקו את התווית על הקופסה בנייר דבק.
label-missing = תווית ההחזרה נשלחת אליכם בנפרד, ודמי המשלוח כבר שולמו. אם היא לא הגיעה, התקשרו אלינו.
label-in-print = תווית ההחזרה נמצאת בעמוד האחרון של המדריך המודפס. דמי המשלוח כבר שולמו.
packing-slip = רשימת תכולה: הכניסו את הדף הזה לקופסה

## Links and blanks

links = תכנים נוספים באינטרנט
needs-internet = נדרש חיבור לאינטרנט
website = האתר שלנו
# Under a blank line in a generic guide, where a customer's value goes.
write-in = כתבו כאן

## The HTML page's buttons

mark-done = סיימתי את שלב { $n }
continue-at = המשיכו מהמקום שבו הפסקתם: שלב { $n }
start-over = התחלה מחדש
copy = העתקה
copied = הועתק
saved-here = השלבים שסימנתם נשמרים במכשיר הזה.
