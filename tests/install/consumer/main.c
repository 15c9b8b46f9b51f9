/* SPDX-License-Identifier: MIT */
/*
 * A program built the way a user of an installed libfcr builds one. It
 * checks that the headers and the library it runs with are the same
 * version, and prints that version for the install check to compare with
 * the project's.
 */
#include <fcr/fcr.h>

#include <stdio.h>
#include <string.h>

int main(void)
{
    int major = -1;
    int minor = -1;
    int patch = -1;
    const char *version = fcr_version(&major, &minor, &patch);

    if (major != FCR_VERSION_MAJOR || minor != FCR_VERSION_MINOR || patch != FCR_VERSION_PATCH) {
        fprintf(stderr, "consumer: headers are version %s but the library reports %d.%d.%d\n",
                FCR_VERSION_STRING, major, minor, patch);
        return 1;
    }
    if (strcmp(version, FCR_VERSION_STRING) != 0) {
        fprintf(stderr, "consumer: fcr_version() returned \"%s\", expected \"%s\"\n", version,
                FCR_VERSION_STRING);
        return 1;
    }

    const char *name = fcr_strerror(FCR_EINVAL);
    if (strcmp(name, "invalid argument") != 0) {
        fprintf(stderr, "consumer: fcr_strerror(FCR_EINVAL) returned \"%s\", expected \"invalid argument\"\n",
                name);
        return 1;
    }

    printf("%s\n", version);
    return 0;
}
