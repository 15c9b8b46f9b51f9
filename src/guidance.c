/* SPDX-License-Identifier: MIT */
/* A snapshot of what the agent should do next. */
#include <string.h>

#include "model.h"

struct fcr_guidance {
    fcr_step step;
    fcr__requirements missing; /* codes are static, messages are stored inline */
    char **concerns;           /* copies of the requirements' concern ids */
    char *prompt;
    fcr__string_list phrases;
};

void fcr_guidance_free(fcr_guidance *guidance)
{
    if (guidance == NULL)
        return;
    /* concerns is NULL when its allocation failed after the requirements
     * were listed. */
    for (size_t i = 0; guidance->concerns != NULL && i < guidance->missing.count; i++)
        fcr__free(guidance->concerns[i]);
    fcr__free(guidance->concerns);
    fcr__requirements_free(&guidance->missing);
    fcr__free(guidance->prompt);
    fcr__string_list_free(&guidance->phrases);
    fcr__free(guidance);
}

/* Copies what the snapshot shows, so it stays valid after the call changes. */
static fcr_status copy_details(fcr_guidance *guidance, const fcr_policy *policy)
{
    size_t count = guidance->missing.count;
    if (count > 0) {
        guidance->concerns = fcr__calloc(count, sizeof *guidance->concerns);
        if (guidance->concerns == NULL)
            return fcr__error_nomem();
    }
    for (size_t i = 0; i < count; i++) {
        const char *concern = guidance->missing.items[i].concern;
        if (concern != NULL && (guidance->concerns[i] = fcr__strdup(concern)) == NULL)
            return fcr__error_nomem();
    }

    const fcr__phrases *phrases = &policy->phrases[guidance->step];
    guidance->prompt = fcr__strdup(phrases->prompt != NULL ? phrases->prompt : "");
    if (guidance->prompt == NULL)
        return fcr__error_nomem();
    for (size_t i = 0; i < phrases->phrases.count; i++) {
        const char *phrase = phrases->phrases.items[i];
        fcr_status status = fcr__string_list_add(&guidance->phrases, phrase, strlen(phrase));
        if (status != FCR_OK)
            return status;
    }
    return FCR_OK;
}

fcr_status fcr_guidance_new(fcr_guidance **out, const fcr_call *call)
{
    if (out == NULL || call == NULL)
        return fcr__error(FCR_EINVAL, "fcr_guidance_new: out and call must not be NULL");

    fcr_guidance *guidance = fcr__calloc(1, sizeof *guidance);
    if (guidance == NULL)
        return fcr__error_nomem();
    guidance->step = call->workflow.step;

    fcr_status status = fcr__step_exit_requirements(call, guidance->step, &guidance->missing);
    if (status == FCR_OK)
        status = copy_details(guidance, call->policy);
    if (status != FCR_OK) {
        fcr_guidance_free(guidance);
        return status;
    }
    *out = guidance;
    return FCR_OK;
}

fcr_step fcr_guidance_step(const fcr_guidance *guidance)
{
    return guidance->step;
}

fcr_step fcr_guidance_next_step(const fcr_guidance *guidance)
{
    return guidance->step == FCR_STEP_CLOSED ? FCR_STEP_CLOSED : (fcr_step)(guidance->step + 1);
}

size_t fcr_guidance_missing_count(const fcr_guidance *guidance)
{
    return guidance->missing.count;
}

const char *fcr_guidance_missing_code(const fcr_guidance *guidance, size_t index)
{
    return index < guidance->missing.count ? guidance->missing.items[index].code : NULL;
}

const char *fcr_guidance_missing_message(const fcr_guidance *guidance, size_t index)
{
    return index < guidance->missing.count ? guidance->missing.items[index].message : NULL;
}

const char *fcr_guidance_missing_concern(const fcr_guidance *guidance, size_t index)
{
    return index < guidance->missing.count ? guidance->concerns[index] : NULL;
}

const char *fcr_guidance_prompt(const fcr_guidance *guidance)
{
    return guidance->prompt;
}

size_t fcr_guidance_phrase_count(const fcr_guidance *guidance)
{
    return guidance->phrases.count;
}

const char *fcr_guidance_phrase(const fcr_guidance *guidance, size_t index)
{
    return index < guidance->phrases.count ? guidance->phrases.items[index] : NULL;
}
