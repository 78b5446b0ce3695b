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
	{"antemortem.photo_dir_read", {"cannot read the photos' directory {dir}: {why}",
	                               "не вдається прочитати каталог фотографій {dir}: {why}",
	                               "не удаётся прочитать каталог фотографий {dir}: {why}"}},
	{"antemortem.photo_remove", {"cannot remove the photo {path}, whose record was erased: {why}",
	                             "не вдається видалити фотографію {path}, запис якої стерто: {why}",
	                             "не удаётся удалить фотографию {path}, запись которой стёрта: {why}"}},
	{"antemortem.photos_swept", {"{n} photo files whose records were erased removed",
	                             "видалено файлів фотографій, записи яких стерто: {n}",
	                             "удалено файлов фотографий, записи которых стёрты: {n}"}},
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
	/* src/family/compare.c: why a kind agrees, disagrees or is unknown */
	{"antemortem.cmp_tooth_excluded", {"tooth {tooth}: ante-mortem {am:am_codes}, post-mortem {pm:am_codes}: not "
	                                   "possible (exclusion)",
	                                   "зуб {tooth}: прижиттєво {am:am_codes}, посмертно {pm:am_codes}: неможливо "
	                                   "(виключення)",
	                                   "зуб {tooth}: прижизненно {am:am_codes}, посмертно {pm:am_codes}: невозможно "
	                                   "(исключение)"}},
	{"antemortem.cmp_teeth", {"{n} teeth consistent: {same} the same, {explained} explainable by later treatment or "
	                          "loss",
	                          "узгоджених зубів: {n}; однакових: {same}, пояснюваних пізнішим лікуванням або "
	                          "втратою: {explained}",
	                          "согласующихся зубов: {n}; одинаковых: {same}, объяснимых поздним лечением или "
	                          "потерей: {explained}"}},
	{"antemortem.cmp_no_teeth", {"no tooth recorded on both sides", "жоден зуб не записано з обох боків",
	                             "ни один зуб не записан с обеих сторон"}},
	{"antemortem.cmp_marks_am_only", {"marks recorded on the ante-mortem side only",
	                                  "прикмети записано лише прижиттєво", "приметы записаны только прижизненно"}},
	{"antemortem.cmp_marks_pm_only", {"marks recorded on the post-mortem side only",
	                                  "прикмети записано лише посмертно", "приметы записаны только посмертно"}},
	{"antemortem.cmp_marks_none", {"marks recorded on neither side", "прикмет не записано з жодного боку",
	                               "примет не записано ни с одной стороны"}},
	{"antemortem.cmp_mark_both", {"{kind:am_kinds} on {location:am_locations} recorded on both sides",
	                              "{kind:am_kinds} ({location:am_locations}) записано з обох боків",
	                              "{kind:am_kinds} ({location:am_locations}) записано с обеих сторон"}},
	{"antemortem.cmp_no_mark_both", {"no mark of the same kind at the same place on both sides",
	                                 "жодної прикмети того самого виду в тому самому місці з обох боків",
	                                 "ни одной приметы того же вида в том же месте с обеих сторон"}},
	{"antemortem.cmp_height_overlap", {"ante-mortem {am_min}-{am_max} cm, post-mortem estimate {pm_min}-{pm_max} cm: "
	                                   "the ranges overlap",
	                                   "прижиттєво {am_min}-{am_max} см, посмертна оцінка {pm_min}-{pm_max} см: "
	                                   "діапазони перетинаються",
	                                   "прижизненно {am_min}-{am_max} см, посмертная оценка {pm_min}-{pm_max} см: "
	                                   "диапазоны пересекаются"}},
	{"antemortem.cmp_height_apart", {"ante-mortem {am_min}-{am_max} cm, post-mortem estimate {pm_min}-{pm_max} cm: "
	                                 "no overlap",
	                                 "прижиттєво {am_min}-{am_max} см, посмертна оцінка {pm_min}-{pm_max} см: "
	                                 "не перетинаються",
	                                 "прижизненно {am_min}-{am_max} см, посмертная оценка {pm_min}-{pm_max} см: "
	                                 "не пересекаются"}},
	{"antemortem.cmp_not_both", {"{what:antemortem} not recorded on both sides", "{what:antemortem}: не записано з обох боків",
	                             "{what:antemortem}: не записано с обеих сторон"}},
	{"antemortem.cmp_same", {"{what:antemortem} {value} on both sides", "{what:antemortem}: {value} з обох боків",
	                         "{what:antemortem}: {value} с обеих сторон"}},
	{"antemortem.cmp_differs", {"{what:antemortem}: ante-mortem {am}, post-mortem {pm}", "{what:antemortem}: прижиттєво {am}, посмертно {pm}",
	                            "{what:antemortem}: прижизненно {am}, посмертно {pm}"}},
	{"antemortem.cmp_text_common", {"{what:antemortem}: both mention '{word}'", "{what:antemortem}: обидва описи згадують «{word}»",
	                                "{what:antemortem}: оба описания упоминают «{word}»"}},
	{"antemortem.cmp_text_nothing", {"{what:antemortem}: nothing in common in the descriptions",
	                                 "{what:antemortem}: в описах немає нічого спільного",
	                                 "{what:antemortem}: в описаниях нет ничего общего"}},
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
	{"cli.postmortem_set", {"post-mortem observations of {person} recorded",
	                        "посмертні спостереження {person} збережено",
	                        "посмертные наблюдения {person} сохранены"}},
	{"cli.postmortem_none", {"no post-mortem observations of case {case}",
	                         "немає посмертних спостережень справи {case}",
	                         "нет посмертных наблюдений дела {case}"}},
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
