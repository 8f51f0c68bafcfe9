### swapguide's fixed words in Russian: every word the PDF and the HTML page
### print besides the guide's own text. One file per language; a guide may
### add or change messages with words.<lang>.ftl in its folder.
###
### Variables: $n, $total, $step, $page are numbers; $date is a date already
### written out in the language. Select plural forms with PLURAL($n), which
### follows current CLDR rules (one, two, few, many, other, zero).

## Cover

offline = Для этой инструкции интернет не нужен.
# The whole swap's time, on the cover.
minutes-total = { PLURAL($n) ->
    [one] Примерно { $n } минута
    [few] Примерно { $n } минуты
    [many] Примерно { $n } минут
   *[other] Примерно { $n } минуты
}
in-the-box = Что в коробке
old-equipment = Старое оборудование (нужно вернуть)
new-equipment = Новое оборудование
# Before a model number: "Model TG-3482".
model = Модель

## Punctuation

# After a label, before its value: "Carrier: UPS", "Done when: …".
colon = { ": " }

## Help on every page

call-us = Нужна помощь? Позвоните нам
call-button = Позвонить в поддержку
text-us = Напишите нам SMS
relay-tty = Для неслышащих (Relay / TTY)
scan-to-call = Отсканируйте, чтобы позвонить
scan-to-text = Отсканируйте, чтобы написать нам SMS
# The page footer.
page-of = Страница { $n } из { $total }

## Steps

steps = Шаги
contents = Содержание
# A step's heading: "Step 3".
step-number = Шаг { $n }
# A step's time, short, beside its number.
step-minutes = { $n } мин
caution = Внимание
tip = Совет
# Before the sign that a step worked: "Done when: the light is green".
done-when = Готово, если
# After a link to a step on paper: "… (step 3, page 4)".
see-step-page = шаг { $step }, страница { $page }
# After a link to a step on screen: "… (step 3)".
see-step = шаг { $step }
# After a link to a troubleshooting entry on paper: "… (page 7)".
see-page = страница { $page }

## Lights

lights = Что означают индикаторы
light-column-light = Индикатор
light-column-looks = Состояние
light-column-means = Значение
all-good = Всё в порядке

## Wi-Fi

wifi = Подключение к Wi-Fi
network-name = Имя сети
password = Пароль
scan-to-join = Наведите камеру телефона на код, чтобы подключиться.

## Troubleshooting

troubleshooting = Если что-то пошло не так
still-stuck = Всё ещё не работает? Позвоните нам:

## Return

return-title = Возврат старого оборудования
return-items = Положите в коробку
return-within = { PLURAL($n) ->
    [one] Верните оборудование в течение { $n } дня.
    [few] Верните оборудование в течение { $n } дней.
    [many] Верните оборудование в течение { $n } дней.
   *[other] Верните оборудование в течение { $n } дня.
}
# $date is written out, such as "December 20, 2026".
return-by = Верните оборудование не позднее { $date }.
carrier = Служба доставки
rma = Номер возврата (RMA)
counter-code = Нет принтера? Покажите этот код в пункте приёма
label-title = Оплаченная этикетка для возврата
label-cut = Вырежьте этикетку по пунктирной линии и приклейте её скотчем на коробку.
label-missing = Оплаченная этикетка для возврата высылается отдельно. Если её нет, позвоните нам.
label-in-print = Оплаченная этикетка для возврата находится на последней странице печатной инструкции.
packing-slip = Сопроводительный лист: положите эту страницу в коробку

## Links and blanks

links = Дополнительно в интернете
needs-internet = Нужен интернет
website = Наш сайт
# Under a blank line in a generic guide, where a customer's value goes.
write-in = впишите сюда

## The HTML page's buttons

mark-done = Отметить шаг { $n } как выполненный
continue-at = Продолжить с того же места: шаг { $n }
start-over = Начать заново
copy = Копировать
copied = Скопировано
saved-here = Отмеченные шаги сохраняются на этом устройстве.
