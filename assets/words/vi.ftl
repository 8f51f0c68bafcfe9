### swapguide's fixed words in Vietnamese: every word the PDF and the HTML page
### print besides the guide's own text. One file per language; a guide may
### add or change messages with words.<lang>.ftl in its folder.
###
### Variables: $n, $total, $step, $page are numbers; $date is a date already
### written out in the language. Select plural forms with PLURAL($n), which
### follows current CLDR rules (one, two, few, many, other, zero).

## Cover

offline = Không cần internet để làm theo hướng dẫn này.
# The whole swap's time, on the cover.
minutes-total = Khoảng { $n } phút
in-the-box = Trong hộp có gì
old-equipment = Thiết bị cũ (cần gửi trả)
new-equipment = Thiết bị mới
# Before a model number: "Model TG-3482".
model = Model

## Punctuation

# After a label, before its value: "Carrier: UPS", "Done when: …".
colon = { ": " }

## Help on every page

call-us = Cần hỗ trợ? Vui lòng gọi cho chúng tôi
call-button = Gọi tổng đài hỗ trợ
text-us = Nhắn tin cho chúng tôi
relay-tty = Dành cho người khiếm thính (Relay / TTY)
scan-to-call = Quét mã để gọi
scan-to-text = Quét mã để nhắn tin cho chúng tôi
# The page footer.
page-of = Trang { $n }/{ $total }

## Steps

steps = Các bước
contents = Mục lục
# A step's heading: "Step 3".
step-number = Bước { $n }
# A step's time, short, beside its number.
step-minutes = { $n } phút
caution = Chú ý
tip = Mẹo
# Before the sign that a step worked: "Done when: the light is green".
done-when = Hoàn tất khi
# After a link to a step on paper: "… (step 3, page 4)".
see-step-page = bước { $step }, trang { $page }
# After a link to a step on screen: "… (step 3)".
see-step = bước { $step }
# After a link to a troubleshooting entry on paper: "… (page 7)".
see-page = trang { $page }

## Lights

lights = Ý nghĩa của đèn báo
light-column-light = Đèn
light-column-looks = Trạng thái
light-column-means = Ý nghĩa
all-good = Hoạt động bình thường

## Wi-Fi

wifi = Kết nối Wi-Fi
network-name = Tên mạng
password = Mật khẩu
scan-to-join = Hướng camera điện thoại vào mã để kết nối.

## Troubleshooting

troubleshooting = Nếu có sự cố
still-stuck = Vẫn chưa khắc phục được? Vui lòng gọi cho chúng tôi:

## Return

return-title = Gửi trả thiết bị cũ
return-items = Cho những thứ sau vào hộp
return-within = Vui lòng gửi trả trong vòng { $n } ngày.
# $date is written out, such as "December 20, 2026".
return-by = Vui lòng gửi trả chậm nhất vào ngày { $date }.
carrier = Đơn vị vận chuyển
rma = Mã trả hàng (RMA)
counter-code = Không có máy in? Hãy xuất trình mã này tại quầy
label-title = Nhãn gửi trả hàng đã thanh toán cước
label-cut = Cắt theo đường nét đứt và dùng băng keo dán nhãn lên hộp.
label-missing = Nhãn gửi trả hàng đã thanh toán cước được gửi riêng. Nếu không nhận được, vui lòng gọi cho chúng tôi.
label-in-print = Nhãn gửi trả hàng đã thanh toán cước nằm ở trang cuối của bản hướng dẫn in.
packing-slip = Phiếu đóng gói: cho trang này vào hộp

## Links and blanks

links = Tài liệu bổ sung trực tuyến
needs-internet = Cần internet
website = Trang web của chúng tôi
# Under a blank line in a generic guide, where a customer's value goes.
write-in = ghi vào đây

## The HTML page's buttons

mark-done = Đánh dấu bước { $n } đã xong
continue-at = Tiếp tục từ chỗ đã dừng: bước { $n }
start-over = Làm lại từ đầu
copy = Sao chép
copied = Đã sao chép
saved-here = Các bước đã đánh dấu được lưu trên thiết bị này.
