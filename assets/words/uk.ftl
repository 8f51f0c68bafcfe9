### swapguide's fixed words in Ukrainian: every word the PDF and the HTML page
### print besides the guide's own text. One file per language; a guide may
### add or change messages with words.<lang>.ftl in its folder.
###
### Variables: $n, $total, $step, $page are numbers; $date is a date already
### written out in the language. Select plural forms with PLURAL($n), which
### follows current CLDR rules (one, two, few, many, other, zero).

## Cover

offline = Для цієї інструкції інтернет не потрібен.
# The whole swap's time, on the cover.
minutes-total = { PLURAL($n) ->
    [one] Приблизно { $n } хвилина
    [few] Приблизно { $n } хвилини
    [many] Приблизно { $n } хвилин
   *[other] Приблизно { $n } хвилини
}
in-the-box = Що в коробці
old-equipment = Старе обладнання (потрібно повернути)
new-equipment = Нове обладнання
# Before a model number: "Model TG-3482".
model = Модель

## Punctuation

# After a label, before its value: "Carrier: UPS", "Done when: …".
colon = { ": " }

## Help on every page

call-us = Потрібна допомога? Зателефонуйте нам
call-button = Зателефонувати до підтримки
text-us = Напишіть нам SMS
relay-tty = Для нечуючих (Relay / TTY)
scan-to-call = Відскануйте, щоб зателефонувати
scan-to-text = Відскануйте, щоб написати нам SMS
# The page footer.
page-of = Сторінка { $n } з { $total }

## Steps

steps = Кроки
contents = Зміст
# A step's heading: "Step 3".
step-number = Крок { $n }
# A step's time, short, beside its number.
step-minutes = { $n } хв
caution = Увага
tip = Порада
# Before the sign that a step worked: "Done when: the light is green".
done-when = Готово, якщо
# After a link to a step on paper: "… (step 3, page 4)".
see-step-page = крок { $step }, сторінка { $page }
# After a link to a step on screen: "… (step 3)".
see-step = крок { $step }
# After a link to a troubleshooting entry on paper: "… (page 7)".
see-page = сторінка { $page }

## Lights

lights = Що означають індикатори
light-column-light = Індикатор
light-column-looks = Стан
light-column-means = Значення
all-good = Усе гаразд

## Wi-Fi

wifi = Підключення до Wi-Fi
network-name = Назва мережі
password = Пароль
scan-to-join = Наведіть камеру телефону на код, щоб підключитися.

## Troubleshooting

troubleshooting = Якщо щось пішло не так
still-stuck = Досі не працює? Зателефонуйте нам:

## Return

return-title = Повернення старого обладнання
return-items = Покладіть у коробку
return-within = { PLURAL($n) ->
    [one] Поверніть обладнання протягом { $n } дня.
    [few] Поверніть обладнання протягом { $n } днів.
    [many] Поверніть обладнання протягом { $n } днів.
   *[other] Поверніть обладнання протягом { $n } дня.
}
# $date is written out, such as "December 20, 2026".
return-by = Поверніть обладнання не пізніше ніж { $date }.
carrier = Служба доставки
rma = Номер повернення (RMA)
counter-code = Немає принтера? Покажіть цей код у пункті приймання
label-title = Оплачена етикетка для повернення
label-cut = Виріжте етикетку вздовж пунктирної лінії та приклейте її скотчем до коробки.
label-missing = Оплачена етикетка для повернення надсилається окремо. Якщо її немає, зателефонуйте нам.
label-in-print = Оплачена етикетка для повернення міститься на останній сторінці друкованої інструкції.
packing-slip = Супровідний аркуш: покладіть цю сторінку в коробку

## Links and blanks

links = Додатково в інтернеті
needs-internet = Потрібен інтернет
website = Наш сайт
# Under a blank line in a generic guide, where a customer's value goes.
write-in = впишіть сюди

## The HTML page's buttons

mark-done = Позначити крок { $n } як виконаний
continue-at = Продовжити з того ж місця: крок { $n }
start-over = Почати спочатку
copy = Копіювати
copied = Скопійовано
saved-here = Позначені кроки зберігаються на цьому пристрої.
