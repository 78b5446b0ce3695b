/* The message catalogue's part for the HTTP server's hardening (src/http/guard.c):
 * the Host allow-list and the headers that frame a request's body, each
 * code's text in English, Ukrainian and Russian, with the same {arguments}
 * (msg.h). */
#include "core/msg.h"

const msg_entry msg_table_http13[] = {
	{"http.host_missing", {"the request has no Host header",
	                       "у запиті немає заголовка Host",
	                       "в запросе нет заголовка Host"}},
	{"http.host_refused", {"this server does not answer for the host '{host}' (parley serve --host-allow adds names)",
	                       "цей сервер не відповідає для хоста «{host}» (імена додає parley serve --host-allow)",
	                       "этот сервер не отвечает для хоста «{host}» (имена добавляет parley serve --host-allow)"}},
	{"http.length_repeated", {"the request has more than one Content-Length header",
	                          "у запиті більше ніж один заголовок Content-Length",
	                          "в запросе больше одного заголовка Content-Length"}},
	{"http.encoding_repeated", {"the request has more than one Transfer-Encoding header",
	                            "у запиті більше ніж один заголовок Transfer-Encoding",
	                            "в запросе больше одного заголовка Transfer-Encoding"}},
	{"http.length_and_encoding", {"the request has both Content-Length and Transfer-Encoding: where its body ends is in doubt",
	                              "у запиті є і Content-Length, і Transfer-Encoding: незрозуміло, де закінчується його тіло",
	                              "в запросе есть и Content-Length, и Transfer-Encoding: неясно, где кончается его тело"}},
	{"http.host_allow_form", {"--host-allow: '{value}' is not a host name, an address or NAME:PORT",
	                          "--host-allow: «{value}» не є ім'ям хоста, адресою чи ІМ'Я:ПОРТ",
	                          "--host-allow: «{value}» не является именем хоста, адресом или ИМЯ:ПОРТ"}},
	{NULL, {NULL}},
};
