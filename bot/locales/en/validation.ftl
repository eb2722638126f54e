## Checks of typed values (domain/validation.py); every message gives an example

val-phone = That does not look like a phone number. Type it in any usual form: with +7 or 8, with or without brackets, spaces and dashes.
val-phone-not-russian = Only Russian numbers (+7) will do.
val-phone-not-mobile = A mobile number is needed: landlines and 8-800 will not do.
val-phone-list-empty = Type at least one number, e.g. +7 916 123-45-67. Separate several numbers with commas or new lines.
val-phone-list-too-long = Too many numbers: at most { $limit } at once.
val-phone-list-bad = The number “{ $number }” will not do: a Russian mobile number is needed, e.g. +7 916 123-45-67.
val-email = That does not look like an e-mail address. Example: ivanov@company.ru
val-inn-format = An INN is 10 digits for a company or 12 digits for a sole trader, e.g. 7707083893.
val-inn-checksum = The INN has a mistake: its check digits do not match. Check it, e.g. 7707083893.
val-kpp = A KPP is 9 characters, e.g. 770701001.
val-ogrn-format = A company's OGRN is 13 digits, e.g. 1027700132195.
val-ogrn-checksum = The OGRN has a mistake: its check digit does not match. Check it, e.g. 1027700132195.
val-ogrnip-format = An OGRNIP is 15 digits, e.g. 304500116000157.
val-ogrnip-checksum = The OGRNIP has a mistake: its check digit does not match. Check it, e.g. 304500116000157.
val-passport = Passport series and number are 4 and 6 digits, e.g. 4510 123456.
val-passport-code = The issuing office code is 6 digits, e.g. 770-001.
val-date = Type the date as DD.MM.YYYY.
val-date-future = That date has not come yet.
val-full-name = Type the surname, name and patronymic in letters, e.g. Ivanov Ivan Ivanovich.
val-text = { $min } to { $max } { $max ->
    [one] character is
   *[other] characters are
} needed.
val-company-name = Type the organisation's name, e.g. Romashka LLC ({ $min } to { $max } { $max ->
    [one] character
   *[other] characters
}).
val-account-number = An account number is 6 to 20 digits, e.g. 400900800700.
val-code-word = The code word is one word of letters and digits, 4 to 32 characters, e.g. Romashka2026.
val-yes-no = Answer “yes” or “no” — or press a button.
