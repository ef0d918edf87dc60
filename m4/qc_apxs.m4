dnl QC_CHECK_APXS: find apxs (--with-apxs) and ask it where httpd keeps its headers,
dnl its modules and its configuration.
AC_DEFUN([QC_CHECK_APXS], [
  AC_ARG_WITH([apxs],
    [AS_HELP_STRING([--with-apxs=PATH], [path to apxs (default: search PATH for apxs, apxs2)])],
    [APXS="$withval"], [APXS=""])
  AS_IF([test -z "$APXS"], [AC_PATH_PROGS([APXS], [apxs apxs2], [], [$PATH:/usr/bin:/usr/sbin])])
  AS_IF([test -z "$APXS" || test ! -x "$APXS"],
    [AC_MSG_ERROR([apxs not found: install the Debian package apache2-dev or pass --with-apxs=PATH])])
  AC_MSG_CHECKING([httpd include directory])
  APXS_INCLUDEDIR=`$APXS -q INCLUDEDIR`
  AC_MSG_RESULT([$APXS_INCLUDEDIR])
  AS_IF([test ! -f "$APXS_INCLUDEDIR/httpd.h"],
    [AC_MSG_ERROR([httpd.h not found in $APXS_INCLUDEDIR: install the Debian package apache2-dev])])
  APXS_LIBEXECDIR=`$APXS -q LIBEXECDIR`
  APXS_SYSCONFDIR=`$APXS -q SYSCONFDIR`
  APXS_CFLAGS=`$APXS -q CFLAGS`
  APXS_CPPFLAGS="-I$APXS_INCLUDEDIR `$APXS -q EXTRA_CPPFLAGS`"
  AC_SUBST([APXS])
  AC_SUBST([APXS_INCLUDEDIR])
  AC_SUBST([APXS_LIBEXECDIR])
  AC_SUBST([APXS_SYSCONFDIR])
  AC_SUBST([APXS_CPPFLAGS])
])

dnl QC_CHECK_APR: APR and APR-util as httpd was built with them (apxs -q APR_CONFIG/APU_CONFIG),
dnl and the apr_dbd mysql driver that mod_dbd and quizcontest-admin load at run time.
AC_DEFUN([QC_CHECK_APR], [
  APR_CONFIG=`$APXS -q APR_CONFIG 2>/dev/null`
  APU_CONFIG=`$APXS -q APU_CONFIG 2>/dev/null`
  AS_IF([test -z "$APR_CONFIG" || test ! -x "$APR_CONFIG"], [AC_PATH_PROGS([APR_CONFIG], [apr-1-config])])
  AS_IF([test -z "$APU_CONFIG" || test ! -x "$APU_CONFIG"], [AC_PATH_PROGS([APU_CONFIG], [apu-1-config])])
  AS_IF([test -z "$APR_CONFIG"], [AC_MSG_ERROR([apr-1-config not found: install the Debian package libapr1-dev])])
  AS_IF([test -z "$APU_CONFIG"], [AC_MSG_ERROR([apu-1-config not found: install the Debian package libaprutil1-dev])])
  APR_CFLAGS="`$APR_CONFIG --cppflags --cflags` -I`$APR_CONFIG --includedir`"
  APR_LIBS="`$APR_CONFIG --link-ld --libs`"
  APU_CFLAGS="-I`$APU_CONFIG --includedir`"
  APU_LIBS="`$APU_CONFIG --link-ld --libs`"
  AC_SUBST([APR_CFLAGS])
  AC_SUBST([APR_LIBS])
  AC_SUBST([APU_CFLAGS])
  AC_SUBST([APU_LIBS])
  AC_MSG_CHECKING([for the apr_dbd mysql driver])
  qc_apu_libdir=`$APU_CONFIG --prefix`
  qc_dbd_found=no
  for d in /usr/lib/*/apr-util-1 /usr/lib/apr-util-1 "$qc_apu_libdir/lib/apr-util-1"; do
    AS_IF([test -f "$d/apr_dbd_mysql.so" || test -f "$d/apr_dbd_mysql-1.so"], [qc_dbd_found=$d])
  done
  AC_MSG_RESULT([$qc_dbd_found])
  AS_IF([test "x$qc_dbd_found" = xno],
    [AC_MSG_ERROR([apr_dbd mysql driver not found: install the Debian package libaprutil1-dbd-mysql])])
])
