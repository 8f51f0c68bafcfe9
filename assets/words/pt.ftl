### swapguide's fixed words in Portuguese: every word the PDF and the HTML page
### print besides the guide's own text. One file per language; a guide may
### add or change messages with words.<lang>.ftl in its folder.
###
### Variables: $n, $total, $step, $page are numbers; $date is a date already
### written out in the language. Select plural forms with PLURAL($n), which
### follows current CLDR rules (one, two, few, many, other, zero).
### Portuguese plural categories: one (0 and 1 in "pt"; only 1 in "pt-PT"),
### many (1000000 etc.), other. Where Brazil and Portugal differ, the words
### are Brazilian (senha, celular, câmera).

## Cover

offline = Não é preciso internet para seguir este guia.
# The whole swap's time, on the cover.
minutes-total = { PLURAL($n) ->
    [one] Cerca de { $n } minuto
    [many] Cerca de { $n } minutos
   *[other] Cerca de { $n } minutos
}
in-the-box = O que vem na caixa
old-equipment = Seu equipamento antigo (para devolver)
new-equipment = Seu equipamento novo
# Before a model number: "Model TG-3482".
model = Modelo

## Punctuation

# After a label, before its value: "Carrier: UPS", "Done when: …".
colon = { ": " }

## Help on every page

call-us = Precisa de ajuda? Ligue para nós
call-button = Ligar para o suporte
text-us = Envie-nos uma mensagem
relay-tty = Serviço de retransmissão / TTY
scan-to-call = Escaneie para ligar
scan-to-text = Escaneie para enviar mensagem
# The page footer.
page-of = Página { $n } de { $total }

## Steps

steps = Passos
contents = Índice
# A step's heading: "Step 3".
step-number = Passo { $n }
# A step's time, short, beside its number.
step-minutes = { $n } min
caution = Atenção
tip = Dica
# Before the sign that a step worked: "Done when: the light is green".
done-when = Pronto quando
# After a link to a step on paper: "… (step 3, page 4)".
see-step-page = passo { $step }, página { $page }
# After a link to a step on screen: "… (step 3)".
see-step = passo { $step }
# After a link to a troubleshooting entry on paper: "… (page 7)".
see-page = página { $page }

## Lights

lights = O que as luzes significam
light-column-light = Luz
light-column-looks = Aparência
light-column-means = Significado
all-good = Tudo certo

## Wi-Fi

wifi = Conecte-se ao seu Wi-Fi
network-name = Nome da rede
password = Senha
scan-to-join = Para se conectar, aponte a câmera do celular para o código.

## Troubleshooting

troubleshooting = Em caso de problemas
still-stuck = O problema continua? Ligue para nós:

## Return

return-title = Devolva seu equipamento antigo
return-items = Coloque estes itens na caixa
return-within = { PLURAL($n) ->
    [one] Devolva no prazo de { $n } dia.
    [many] Devolva no prazo de { $n } dias.
   *[other] Devolva no prazo de { $n } dias.
}
# $date is written out, such as "December 20, 2026".
return-by = Devolva até { $date }.
carrier = Transportadora
rma = Número de devolução (RMA)
counter-code = Não tem impressora? Mostre este código no balcão
label-title = Sua etiqueta de devolução pré-paga
label-cut = Recorte na linha tracejada e cole a etiqueta na caixa com fita adesiva.
label-missing = Sua etiqueta de devolução pré-paga é enviada separadamente. Ligue para nós se não a tiver recebido.
label-in-print = Sua etiqueta de devolução pré-paga está na última página do guia impresso.
packing-slip = Folha de devolução: coloque esta página na caixa

## Links and blanks

links = Recursos online
needs-internet = Precisa de internet
website = Nosso site
# Under a blank line in a generic guide, where a customer's value goes.
write-in = escreva aqui

## The HTML page's buttons

mark-done = Marcar o passo { $n } como concluído
continue-at = Continuar de onde parou: passo { $n }
start-over = Recomeçar
copy = Copiar
copied = Copiado
saved-here = Os passos marcados ficam guardados neste dispositivo.
