### swapguide's fixed words in Korean: every word the PDF and the HTML page
### print besides the guide's own text. One file per language; a guide may
### add or change messages with words.<lang>.ftl in its folder.
###
### Variables: $n, $total, $step, $page are numbers; $date is a date already
### written out in the language. Select plural forms with PLURAL($n), which
### follows current CLDR rules (one, two, few, many, other, zero).

## Cover

offline = 이 안내서는 인터넷 연결 없이 따라 하실 수 있습니다.
# The whole swap's time, on the cover.
minutes-total = 약 { $n }분
in-the-box = 구성품
old-equipment = 기존 장비(반납해 주세요)
new-equipment = 새 장비
# Before a model number: "Model TG-3482".
model = 모델명

## Punctuation

# After a label, before its value: "Carrier: UPS", "Done when: …".
colon = { ": " }

## Help on every page

call-us = 도움이 필요하신가요? 전화 주세요
call-button = 고객센터에 전화하기
text-us = 문자로 문의하기
relay-tty = 통신중계 서비스 / TTY
scan-to-call = 스캔하여 전화하기
scan-to-text = 스캔하여 문자 보내기
# The page footer.
page-of = { $total }쪽 중 { $n }쪽

## Steps

steps = 진행 단계
contents = 목차
# A step's heading: "Step 3".
step-number = { $n }단계
# A step's time, short, beside its number.
step-minutes = { $n }분
caution = 주의
tip = 도움말
# Before the sign that a step worked: "Done when: the light is green".
done-when = 완료 확인
# After a link to a step on paper: "… (step 3, page 4)".
see-step-page = { $step }단계, { $page }쪽
# After a link to a step on screen: "… (step 3)".
see-step = { $step }단계
# After a link to a troubleshooting entry on paper: "… (page 7)".
see-page = { $page }쪽

## Lights

lights = 표시등의 의미
light-column-light = 표시등
light-column-looks = 상태
light-column-means = 의미
all-good = 정상

## Wi-Fi

wifi = Wi-Fi 연결하기
network-name = 네트워크 이름
password = 비밀번호
scan-to-join = 휴대폰 카메라로 코드를 비추면 연결됩니다.

## Troubleshooting

troubleshooting = 문제가 생겼을 때
still-stuck = 그래도 해결되지 않나요? 전화 주세요:

## Return

return-title = 기존 장비 반납하기
return-items = 상자에 넣을 물품
return-within = { $n }일 이내에 반납해 주세요.
# $date is written out, such as "December 20, 2026".
return-by = { $date }까지 반납해 주세요.
carrier = 택배사
rma = 반납 번호(RMA)
counter-code = 프린터가 없으신가요? 창구에서 이 코드를 보여 주세요
label-title = 반납용 선불 송장
label-cut = 점선을 따라 자른 뒤, 송장을 테이프로 상자에 붙여 주세요.
label-missing = 반납용 선불 송장은 따로 보내 드립니다. 받지 못하셨다면 전화 주세요.
label-in-print = 반납용 선불 송장은 인쇄된 안내서의 마지막 페이지에 있습니다.
packing-slip = 포장 명세서: 이 페이지를 상자에 넣어 주세요

## Links and blanks

links = 온라인 추가 자료
needs-internet = 인터넷 필요
website = 홈페이지
# Under a blank line in a generic guide, where a customer's value goes.
write-in = 여기에 적어 주세요

## The HTML page's buttons

mark-done = { $n }단계 완료로 표시
continue-at = 하던 곳부터 계속하기: { $n }단계
start-over = 처음부터 다시 하기
copy = 복사
copied = 복사됨
saved-here = 체크한 단계는 이 기기에 저장됩니다.
