### swapguide's fixed words in Traditional Chinese (Taiwan): every word the PDF and the HTML page
### print besides the guide's own text. One file per language; a guide may
### add or change messages with words.<lang>.ftl in its folder.
###
### Variables: $n, $total, $step, $page are numbers; $date is a date already
### written out in the language. Select plural forms with PLURAL($n), which
### follows current CLDR rules (one, two, few, many, other, zero).

## Cover

offline = 使用本指南不需要連上網路。
# The whole swap's time, on the cover.
minutes-total = 約 { $n } 分鐘
in-the-box = 包裝內容物
old-equipment = 您的舊設備（請寄回）
new-equipment = 您的新設備
# Before a model number: "Model TG-3482".
model = 型號

## Punctuation

# After a label, before its value: "Carrier: UPS", "Done when: …".
colon = ：

## Help on every page

call-us = 需要協助？請來電
call-button = 撥打客服專線
text-us = 傳簡訊給我們
relay-tty = 聽語障轉接服務 / TTY
scan-to-call = 掃描 QR Code 撥打電話
scan-to-text = 掃描 QR Code 傳簡訊
# The page footer.
page-of = 第 { $n } 頁，共 { $total } 頁

## Steps

steps = 操作步驟
contents = 目錄
# A step's heading: "Step 3".
step-number = 步驟 { $n }
# A step's time, short, beside its number.
step-minutes = { $n } 分鐘
caution = 注意
tip = 提示
# Before the sign that a step worked: "Done when: the light is green".
done-when = 確認完成
# After a link to a step on paper: "… (step 3, page 4)".
see-step-page = 步驟 { $step }，第 { $page } 頁
# After a link to a step on screen: "… (step 3)".
see-step = 步驟 { $step }
# After a link to a troubleshooting entry on paper: "… (page 7)".
see-page = 第 { $page } 頁

## Lights

lights = 燈號說明
light-column-light = 燈號
light-column-looks = 顯示狀態
light-column-means = 代表意義
all-good = 一切正常

## Wi-Fi

wifi = 連上您的 Wi-Fi
network-name = 網路名稱
password = 密碼
scan-to-join = 用手機相機對準 QR Code，即可連線。

## Troubleshooting

troubleshooting = 遇到問題怎麼辦
still-stuck = 問題仍未解決？請來電：

## Return

return-title = 寄回您的舊設備
return-items = 請將以下物品放入箱內
return-within = 請在 { $n } 天內寄回。
# $date is written out, such as "December 20, 2026".
return-by = 請在 { $date } 前寄回。
carrier = 貨運公司
rma = 寄回編號（RMA）
counter-code = 沒有印表機？請在櫃檯出示此代碼
label-title = 您的寄回標籤（運費已預付）
label-cut = 請沿虛線剪下，再用膠帶將標籤貼在箱子上。
label-missing = 運費已預付的寄回標籤將另外寄給您。如果沒有收到，請來電告知。
label-in-print = 運費已預付的寄回標籤在紙本指南的最後一頁。
packing-slip = 裝箱單：請將此頁放入箱內

## Links and blanks

links = 線上資源
needs-internet = 需要網路
website = 官方網站
# Under a blank line in a generic guide, where a customer's value goes.
write-in = 在此填寫

## The HTML page's buttons

mark-done = 將步驟 { $n } 標示為完成
continue-at = 從上次中斷處繼續：步驟 { $n }
start-over = 重新開始
copy = 複製
copied = 已複製
saved-here = 已勾選的步驟會記錄在這台裝置上。
