# Latvian dates as the State Chancellery's style guide writes them: "2019. gada 12. aprīlis".
# Django's own lv formats already do; repeated here so that the form the site promises is pinned.
DATE_FORMAT = r"Y. \g\a\d\a j. F"
DATETIME_FORMAT = r"Y. \g\a\d\a j. F, H:i"
SHORT_DATE_FORMAT = "d.m.Y"
SHORT_DATETIME_FORMAT = "d.m.Y H:i"
TIME_FORMAT = "H:i"
YEAR_MONTH_FORMAT = r"Y. \g\a\d\a F"
MONTH_DAY_FORMAT = "j. F"
FIRST_DAY_OF_WEEK = 1
DECIMAL_SEPARATOR = ","
THOUSAND_SEPARATOR = "\xa0"
NUMBER_GROUPING = 3
