### swapguide's fixed words in Japanese: every word the PDF and the HTML page
### print besides the guide's own text. One file per language; a guide may
### add or change messages with words.<lang>.ftl in its folder.
###
### Variables: $n, $total, $step, $page are numbers; $date is a date already
### written out in the language. Select plural forms with PLURAL($n), which
### follows current CLDR rules (one, two, few, many, other, zero).

## Cover

offline = このガイドは、インターネットに接続しなくてもご利用いただけます。
# The whole swap's time, on the cover.
minutes-total = 約{ $n }分
in-the-box = 同梱品
old-equipment = 旧機器（ご返却ください）
new-equipment = 新しい機器
# Before a model number: "Model TG-3482".
model = 型番

## Punctuation

# After a label, before its value: "Carrier: UPS", "Done when: …".
colon = ：

## Help on every page

call-us = お困りのときは、お電話ください
call-button = サポートに電話する
text-us = SMSで問い合わせる
relay-tty = 電話リレーサービス / TTY
scan-to-call = 読み取って電話をかける
scan-to-text = 読み取ってSMSを送る
# The page footer.
page-of = { $n } / { $total }ページ

## Steps

steps = 手順
contents = 目次
# A step's heading: "Step 3".
step-number = 手順{ $n }
# A step's time, short, beside its number.
step-minutes = { $n }分
caution = 注意
tip = ヒント
# Before the sign that a step worked: "Done when: the light is green".
done-when = 完了の目安
# After a link to a step on paper: "… (step 3, page 4)".
see-step-page = 手順{ $step }、{ $page }ページ
# After a link to a step on screen: "… (step 3)".
see-step = 手順{ $step }
# After a link to a troubleshooting entry on paper: "… (page 7)".
see-page = { $page }ページ

## Lights

lights = ランプ表示の見かた
light-column-light = ランプ
light-column-looks = 状態
light-column-means = 意味
all-good = 正常です

## Wi-Fi

wifi = Wi-Fiに接続する
network-name = ネットワーク名
password = パスワード
scan-to-join = スマートフォンのカメラをコードに向けると、接続できます。

## Troubleshooting

troubleshooting = うまくいかないときは
still-stuck = それでも解決しない場合は、お電話ください：

## Return

return-title = 旧機器のご返却
return-items = 箱に入れるもの
return-within = { $n }日以内にご返送ください。
# $date is written out, such as "December 20, 2026".
return-by = { $date }までにご返送ください。
carrier = 配送業者
rma = 返却番号（RMA）
counter-code = プリンターがない場合は、窓口でこのコードをご提示ください
label-title = 返送用ラベル（送料支払い済み）
label-cut = 点線に沿って切り取り、ラベルをテープで箱に貼ってください。
label-missing = 送料支払い済みの返送用ラベルは、別途お送りします。届いていない場合は、お電話ください。
label-in-print = 送料支払い済みの返送用ラベルは、紙のガイドの最終ページにあります。
packing-slip = 返送品明細：このページを箱に同封してください

## Links and blanks

links = オンラインの関連情報
needs-internet = インターネット接続が必要
website = 当社ウェブサイト
# Under a blank line in a generic guide, where a customer's value goes.
write-in = ここに記入

## The HTML page's buttons

mark-done = 手順{ $n }を完了にする
continue-at = 前回の続きから再開：手順{ $n }
start-over = 最初からやり直す
copy = コピー
copied = コピーしました
saved-here = チェックした手順は、この端末に記録されます。
