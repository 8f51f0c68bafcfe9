### swapguide's fixed words in Arabic: every word the PDF and the HTML page
### print besides the guide's own text. One file per language; a guide may
### add or change messages with words.<lang>.ftl in its folder.
###
### Variables: $n, $total, $step, $page are numbers; $date is a date already
### written out in the language. Select plural forms with PLURAL($n), which
### follows current CLDR rules (one, two, few, many, other, zero).

## Cover

offline = لا يلزمك الاتصال بالإنترنت لاتباع هذا الدليل.
# The whole swap's time, on the cover.
minutes-total = { PLURAL($n) ->
    [zero] { $n } دقيقة تقريبًا
    [one] دقيقة واحدة تقريبًا
    [two] دقيقتان تقريبًا
    [few] { $n } دقائق تقريبًا
    [many] { $n } دقيقة تقريبًا
   *[other] { $n } دقيقة تقريبًا
}
in-the-box = محتويات العلبة
old-equipment = أجهزتك القديمة (يُرجى إعادتها)
new-equipment = أجهزتك الجديدة
# Before a model number: "Model TG-3482".
model = طراز

## Punctuation

# After a label, before its value: "Carrier: UPS", "Done when: …".
colon = { ": " }

## Help on every page

call-us = هل تحتاج إلى مساعدة؟ اتصل بنا
call-button = اتصل بالدعم الفني
text-us = أرسل لنا رسالة نصية
relay-tty = خدمة الترحيل / الهاتف النصي (TTY)
scan-to-call = امسح الرمز للاتصال
scan-to-text = امسح الرمز لإرسال رسالة نصية إلينا
# The page footer.
page-of = الصفحة { $n } من { $total }

## Steps

steps = الخطوات
contents = المحتويات
# A step's heading: "Step 3".
step-number = الخطوة { $n }
# A step's time, short, beside its number.
step-minutes = { PLURAL($n) ->
    [zero] { $n } دقيقة
    [one] دقيقة واحدة
    [two] دقيقتان
    [few] { $n } دقائق
    [many] { $n } دقيقة
   *[other] { $n } دقيقة
}
caution = تنبيه
tip = نصيحة
# Before the sign that a step worked: "Done when: the light is green".
done-when = علامة إتمام الخطوة
# After a link to a step on paper: "… (step 3, page 4)".
see-step-page = الخطوة { $step }، الصفحة { $page }
# After a link to a step on screen: "… (step 3)".
see-step = الخطوة { $step }
# After a link to a troubleshooting entry on paper: "… (page 7)".
see-page = الصفحة { $page }

## Lights

lights = معاني الأضواء
light-column-light = الضوء
light-column-looks = كيف يبدو
light-column-means = المعنى
all-good = كل شيء على ما يرام

## Wi-Fi

wifi = الاتصال بشبكة Wi-Fi
network-name = اسم الشبكة
password = كلمة المرور
scan-to-join = وجّه كاميرا هاتفك نحو الرمز للاتصال بالشبكة.

## Troubleshooting

troubleshooting = إذا حدثت مشكلة
still-stuck = هل ما زالت المشكلة قائمة؟ اتصل بنا:

## Return

return-title = إرجاع أجهزتك القديمة
return-items = ضع ما يلي في العلبة
return-within = { PLURAL($n) ->
    [zero] يُرجى إعادتها خلال { $n } يوم.
    [one] يُرجى إعادتها خلال يوم واحد.
    [two] يُرجى إعادتها خلال يومين.
    [few] يُرجى إعادتها خلال { $n } أيام.
    [many] يُرجى إعادتها خلال { $n } يومًا.
   *[other] يُرجى إعادتها خلال { $n } يوم.
}
# $date is written out, such as "December 20, 2026".
return-by = يُرجى إعادتها في موعد أقصاه { $date }.
carrier = شركة الشحن
rma = رقم الإرجاع (RMA)
counter-code = ليست لديك طابعة؟ اعرض هذا الرمز عند مكتب الشحن
label-title = ملصق الإرجاع المدفوع مسبقًا
label-cut = قُصّ على طول الخط المتقطع، ثم ثبّت الملصق على العلبة بشريط لاصق.
label-missing = نرسل إليك ملصق الإرجاع المدفوع مسبقًا بشكل منفصل. إذا لم يصلك، فاتصل بنا.
label-in-print = تجد ملصق الإرجاع المدفوع مسبقًا في الصفحة الأخيرة من دليلك المطبوع.
packing-slip = قائمة محتويات الطرد: ضع هذه الصفحة داخل العلبة

## Links and blanks

links = موارد إضافية على الإنترنت
needs-internet = يتطلب اتصالًا بالإنترنت
website = موقعنا الإلكتروني
# Under a blank line in a generic guide, where a customer's value goes.
write-in = اكتبه هنا

## The HTML page's buttons

mark-done = أنهيتُ الخطوة { $n }
continue-at = تابع من حيث توقفت: الخطوة { $n }
start-over = ابدأ من جديد
copy = نسخ
copied = تم النسخ
saved-here = يحفظ هذا الجهاز الخطوات التي أنهيتها.
