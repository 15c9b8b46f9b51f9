/* SPDX-License-Identifier: MIT */
#include "fcr/version.h"
#include "internal.h"

const char *fcr_version(int *major, int *minor, int *patch)
{
    if (major != NULL)
        *major = FCR_VERSION_MAJOR;
    if (minor != NULL)
        *minor = FCR_VERSION_MINOR;
    if (patch != NULL)
        *patch = FCR_VERSION_PATCH;
    return FCR_VERSION_STRING;
}
