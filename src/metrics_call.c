/* SPDX-License-Identifier: MIT */
/* Contacts from libfcr call records: one contact per concern, with the
 * call's checklist results beside it. */
#include <stdio.h>
#include <string.h>

#include "metrics_internal.h"

fcr_status fcr_metrics_add_call(fcr_metrics *metrics, const fcr_call *call)
{
    if (metrics == NULL || call == NULL)
        return fcr__error(FCR_EINVAL, "fcr_metrics_add_call: metrics and call must not be NULL");

    fcr_contact contact = FCR_CONTACT_INIT;
    contact.caller = fcr_call_patient_key(call);
    contact.at = fcr_call_started_at(call);
    contact.direction = fcr_call_direction(call);
    contact.agent = fcr_call_agent_id(call);

    size_t concern_count = fcr_call_concern_count(call);
    if (concern_count == 0) {
        contact.id = fcr_call_id(call);
        return fcr__metrics_add(metrics, &contact, NULL, FCR_EXCLUSION_NO_CONCERN);
    }

    /* Only calls whose contacts can count are scored, so that compliance
     * and the FCR rates beside it describe the same calls. */
    bool scored = contact.direction == FCR_DIRECTION_INBOUND && contact.caller != NULL &&
                  contact.caller[0] != '\0';
    fcr__contact_items items;
    if (scored) {
        fcr_scorecard *scorecard = NULL;
        fcr_status status = fcr_scorecard_new(&scorecard, call);
        if (status != FCR_OK)
            return status;
        for (int item = 0; item < FCR_ITEM_COUNT; item++)
            items.result[item] = (uint8_t)fcr_scorecard_result(scorecard, (fcr_item)item);
        fcr_scorecard_free(scorecard);
    }

    /* The call id is at most 128 bytes and a concern id at most 64. */
    char id[256];
    for (size_t i = 0; i < concern_count; i++) {
        const fcr_concern *concern = fcr_call_concern(call, i);
        snprintf(id, sizeof id, "%s/%s", fcr_call_id(call), fcr_concern_id(concern));
        contact.id = id;
        contact.category = fcr_concern_category(concern);
        contact.outcome = fcr_concern_outcome(concern);
        contact.target = fcr_concern_target(concern);
        fcr_status status = fcr__metrics_add(metrics, &contact, scored ? &items : NULL,
                                             FCR_EXCLUSION_NONE);
        if (status != FCR_OK)
            return status;
    }

    if (scored) {
        metrics->scored_calls = true;
        for (int item = 0; item < FCR_ITEM_COUNT; item++)
            metrics->item_calls[item][items.result[item]]++;
    }
    return FCR_OK;
}
