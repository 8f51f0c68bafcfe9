### swapguide's fixed words in Simplified Chinese: every word the PDF and the HTML page
### print besides the guide's own text. One file per language; a guide may
### add or change messages with words.<lang>.ftl in its folder.
###
### Variables: $n, $total, $step, $page are numbers; $date is a date already
### written out in the language. Select plural forms with PLURAL($n), which
### follows current CLDR rules (one, two, few, many, other, zero).

## Cover

offline = 使用本指南无需联网。
# The whole swap's time, on the cover.
minutes-total = 约 { $n } 分钟
in-the-box = 箱内物品
old-equipment = 您的旧设备（需寄回）
new-equipment = 您的新设备
# Before a model number: "Model TG-3482".
model = 型号

## Punctuation

# After a label, before its value: "Carrier: UPS", "Done when: …".
colon = ：

## Help on every page

call-us = 需要帮助？请致电我们
call-button = 致电客服
text-us = 发短信给我们
relay-tty = 听障转接服务 / TTY
scan-to-call = 扫码拨打电话
scan-to-text = 扫码发短信
# The page footer.
page-of = 第 { $n } 页，共 { $total } 页

## Steps

steps = 操作步骤
contents = 目录
# A step's heading: "Step 3".
step-number = 第 { $n } 步
# A step's time, short, beside its number.
step-minutes = { $n } 分钟
caution = 注意
tip = 提示
# Before the sign that a step worked: "Done when: the light is green".
done-when = 完成标志
# After a link to a step on paper: "… (step 3, page 4)".
see-step-page = 第 { $step } 步，第 { $page } 页
# After a link to a step on screen: "… (step 3)".
see-step = 第 { $step } 步
# After a link to a troubleshooting entry on paper: "… (page 7)".
see-page = 第 { $page } 页

## Lights

lights = 指示灯说明
light-column-light = 指示灯
light-column-looks = 显示状态
light-column-means = 含义
all-good = 一切正常

## Wi-Fi

wifi = 连接您的 Wi-Fi
network-name = 网络名称
password = 密码
scan-to-join = 用手机摄像头对准二维码，即可连接。

## Troubleshooting

troubleshooting = 遇到问题怎么办
still-stuck = 问题仍未解决？请致电我们：

## Return

return-title = 寄回您的旧设备
return-items = 请将以下物品放入箱中
return-within = 请在 { $n } 天内寄回。
# $date is written out, such as "December 20, 2026".
return-by = 请在 { $date } 前寄回。
carrier = 快递公司
rma = 寄回编号（RMA）
counter-code = 没有打印机？请在柜台出示此码
label-title = 您的寄回运单（运费已预付）
label-cut = 请沿虚线剪下，用胶带把运单贴在箱子上。
label-missing = 运费已预付的寄回运单将另行寄给您。如未收到，请致电我们。
label-in-print = 运费已预付的寄回运单在纸质指南的最后一页。
packing-slip = 装箱单：请将此页放入箱中

## Links and blanks

links = 在线资源
needs-internet = 需要联网
website = 官方网站
# Under a blank line in a generic guide, where a customer's value goes.
write-in = 在此填写

## The HTML page's buttons

mark-done = 将第 { $n } 步标记为已完成
continue-at = 从上次中断处继续：第 { $n } 步
start-over = 重新开始
copy = 复制
copied = 已复制
saved-here = 已勾选的步骤会保存在本设备上。
