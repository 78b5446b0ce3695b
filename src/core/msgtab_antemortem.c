/* The message catalogue's part for ante-mortem data (issue 15 item 2: the
 * record, photos, the comparison with post-mortem observations): each
 * code's text in English, Ukrainian and Russian, with the same {arguments}
 * (msg.h). */
#include "core/msg.h"

const msg_entry msg_table_antemortem[] = {
	/* src/family/antemortem.c: the record */
	{"antemortem.not_object", {"the ante-mortem record must be a JSON object",
	                           "ante-mortem запис має бути об'єктом JSON",
	                           "ante-mortem запись должна быть объектом JSON"}},
	{"antemortem.unknown_key", {"field '{field}': unknown; expected {expected}",
	                            "поле «{field}»: невідоме; очікувалося {expected}",
	                            "поле «{field}»: неизвестное; ожидалось {expected}"}},
	{"antemortem.word", {"field '{field}': '{value}' is not one of {expected}",
	                     "поле «{field}»: «{value}» не є одним із {expected}",
	                     "поле «{field}»: «{value}» не является одним из {expected}"}},
	{"antemortem.text", {"field '{field}': expected text of at most {max} bytes",
	                     "поле «{field}»: очікувався текст не довший за {max} байтів",
	                     "поле «{field}»: ожидался текст не длиннее {max} байт"}},
	{"antemortem.height", {"field '{field}': expected min and max, whole centimetres from 50 to "
	                       "250, min not above max",
	                       "поле «{field}»: очікувалися min і max, цілі сантиметри від 50 до "
	                       "250, min не більше за max",
	                       "поле «{field}»: ожидались min и max, целые сантиметры от 50 до "
	                       "250, min не больше max"}},
	{"antemortem.marks", {"field '{field}': expected a list of marks, each with kind, location "
	                      "and description as text",
	                      "поле «{field}»: очікувався список прикмет, кожна з kind, location "
	                      "і description текстом",
	                      "поле «{field}»: ожидался список примет, каждая с kind, location "
	                      "и description текстом"}},
	{"antemortem.no_location", {"field '{field}': a mark needs its place on the body, one of {expected}",
	                            "поле «{field}»: прикметі потрібне місце на тілі, одне з {expected}",
	                            "поле «{field}»: примете нужно место на теле, одно из {expected}"}},
	{"antemortem.dental", {"field '{field}': expected an object of FDI tooth numbers and codes, such as 16: "
	                       "filled",
	                       "поле «{field}»: очікувався об'єкт номерів зубів FDI і кодів, як-от 16: filled",
	                       "поле «{field}»: ожидался объект номеров зубов FDI и кодов, например 16: filled"}},
	{"antemortem.tooth", {"field '{field}': there is no tooth {value}; FDI numbers are 11-18, 21-28, 31-38 and "
	                      "41-48",
	                      "поле «{field}»: зуба {value} не існує; номери FDI: 11-18, 21-28, 31-38 і 41-48",
	                      "поле «{field}»: зуба {value} не существует; номера FDI: 11-18, 21-28, 31-38 и "
	                      "41-48"}},
	{"antemortem.stored", {"the stored ante-mortem record is not valid JSON",
	                       "збережений ante-mortem запис не є коректним JSON",
	                       "сохранённая ante-mortem запись не является корректным JSON"}},
	{"antemortem.inquiry_person", {"field 'inquiry': inquiry {inquiry} is not about person {person}",
	                               "поле «inquiry»: запит {inquiry} не стосується особи {person}",
	                               "поле «inquiry»: запрос {inquiry} не касается лица {person}"}},
	/* src/family/photo.c */
	{"antemortem.photo_dir", {"cannot make the photos' directory {dir}: {why}",
	                          "не вдається створити каталог фотографій {dir}: {why}",
	                          "не удаётся создать каталог фотографий {dir}: {why}"}},
	{"antemortem.photo_type", {"the photo is not an image: expected JPEG, PNG or WebP (told by the content, not "
	                           "the name)",
	                           "фото не є зображенням: очікувався JPEG, PNG або WebP (за вмістом, а не за назвою)",
	                           "фото не является изображением: ожидался JPEG, PNG или WebP (по содержимому, а не "
	                           "по имени)"}},
	{"antemortem.photo_large", {"the photo is too large: {size} bytes, at most {max}",
	                            "фото завелике: {size} байтів, щонайбільше {max}",
	                            "фото слишком большое: {size} байт, не более {max}"}},
	{"antemortem.photo_twice", {"this photo ({sha256}) is recorded for the person already",
	                            "це фото ({sha256}) уже записане для особи",
	                            "это фото ({sha256}) уже записано для лица"}},
	{"antemortem.photo_unknown", {"no photo {sha256}", "немає фото {sha256}", "нет фото {sha256}"}},
	{"antemortem.photo_missing", {"photo {sha256}: its file {file} is missing",
	                              "фото {sha256}: його файлу {file} немає",
	                              "фото {sha256}: его файла {file} нет"}},
	{"antemortem.photo_changed", {"photo {sha256}: its file {file} has changed (its SHA-256 differs)",
	                              "фото {sha256}: його файл {file} змінено (SHA-256 інший)",
	                              "фото {sha256}: его файл {file} изменён (SHA-256 другой)"}},
	{"antemortem.photos_lost", {"{n} photo files are missing or changed", "файлів фото відсутні або змінені: {n}",
	                            "файлов фото отсутствуют или изменены: {n}"}},
	{"antemortem.backup", {"the photos in the backup's copy {file}: {why}",
	                       "фото в копії резервної копії {file}: {why}",
	                       "фото в копии резервной копии {file}: {why}"}},
	{"antemortem.restore_lost", {"the database is restored, but photo files named above are not in the backup",
	                             "базу відновлено, але файлів фото, названих вище, у резервній копії немає",
	                             "база восстановлена, но файлов фото, названных выше, в резервной копии нет"}},
	/* src/http/api_antemortem.c */
	{"http.send_photo", {"send the photo as one file (multipart/form-data)",
	                     "надішліть фото одним файлом (multipart/form-data)",
	                     "отправьте фото одним файлом (multipart/form-data)"}},
	{"http.comparison_person", {"give the person to compare with: ?person=ID",
	                            "вкажіть особу для порівняння: ?person=ID",
	                            "укажите лицо для сравнения: ?person=ID"}},
	/* src/cli/cmd_antemortem.c */
	{"cli.antemortem_set", {"ante-mortem record of {person} recorded", "ante-mortem запис {person} збережено",
	                        "ante-mortem запись {person} сохранена"}},
	{"cli.antemortem_none", {"no ante-mortem record of {person}", "немає ante-mortem запису {person}",
	                         "нет ante-mortem записи {person}"}},
	{"cli.photo_added", {"photo {sha256} ({type}) added for {person}", "фото {sha256} ({type}) додано для {person}",
	                     "фото {sha256} ({type}) добавлено для {person}"}},
	{"cli.no_photos", {"no photos of {person}", "немає фото {person}", "нет фото {person}"}},
	{"cli.antemortem_usage_mark", {"--mark expects LOCATION:DESCRIPTION or KIND:LOCATION:DESCRIPTION (got '{value}')",
	                               "--mark очікує МІСЦЕ:ОПИС або ВИД:МІСЦЕ:ОПИС (отримано «{value}»)",
	                               "--mark ожидает МЕСТО:ОПИСАНИЕ или ВИД:МЕСТО:ОПИСАНИЕ (получено «{value}»)"}},
	{"cli.antemortem_usage_tooth", {"--tooth expects FDI:CODE, such as 16:filled (got '{value}')",
	                                "--tooth очікує FDI:КОД, як-от 16:filled (отримано «{value}»)",
	                                "--tooth ожидает FDI:КОД, например 16:filled (получено «{value}»)"}},
	{"cli.antemortem_usage_height", {"--height expects CM or MIN-MAX in centimetres (got '{value}')",
	                                 "--height очікує СМ або МІН-МАКС у сантиметрах (отримано «{value}»)",
	                                 "--height ожидает СМ или МИН-МАКС в сантиметрах (получено «{value}»)"}},
	{"cli.photos_restored", {"{n} photo files restored beside the database",
	                         "файлів фото відновлено поруч із базою: {n}",
	                         "файлов фото восстановлено рядом с базой: {n}"}},
	{NULL, {NULL, NULL, NULL}},
};
