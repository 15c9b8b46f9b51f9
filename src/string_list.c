/* SPDX-License-Identifier: MIT */
/* A small owned list of strings, used for policy lists and event list fields. */
#include <string.h>

#include "model.h"

void fcr__string_list_free(fcr__string_list *list)
{
    for (size_t i = 0; i < list->count; i++)
        fcr__free(list->items[i]);
    fcr__free(list->items);
    list->items = NULL;
    list->count = 0;
}

fcr_status fcr__string_list_add(fcr__string_list *list, const char *text, size_t length)
{
    char *copy = fcr__strndup(text, length);
    if (copy == NULL)
        return fcr__error_nomem();

    /* Lists stay short (a few tools or identifiers), so growing by one keeps
     * the structure to two fields without a capacity. */
    char **grown = fcr__realloc(list->items, (list->count + 1) * sizeof *grown);
    if (grown == NULL) {
        fcr__free(copy);
        return fcr__error_nomem();
    }
    grown[list->count] = copy;
    list->items = grown;
    list->count++;
    return FCR_OK;
}

bool fcr__string_list_contains(const fcr__string_list *list, const char *text)
{
    for (size_t i = 0; i < list->count; i++) {
        if (strcmp(list->items[i], text) == 0)
            return true;
    }
    return false;
}
