# The CPython versions mvconf supports, written once: the oracles looked for, the impl's
# targets (impl:3.X), `mvconf diff-versions` and the docs all take the range from here.
set(MVCONF_OLDEST_MINOR 8)
set(MVCONF_NEWEST_MINOR 13)
set(MVCONF_MINORS "")
foreach(minor RANGE ${MVCONF_OLDEST_MINOR} ${MVCONF_NEWEST_MINOR})
  list(APPEND MVCONF_MINORS ${minor})
endforeach()
# "8|9|...|13", for version regexes.
list(JOIN MVCONF_MINORS "|" MVCONF_MINORS_REGEX)
