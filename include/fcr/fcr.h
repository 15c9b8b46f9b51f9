/* SPDX-License-Identifier: MIT */
/**
 * @file fcr/fcr.h
 * @brief Umbrella header: includes the whole libfcr API.
 *
 * libfcr keeps the record of a medical office's inbound call, guides the
 * agent through the five first-call-resolution steps, scores the call
 * against the eight-item checklist and writes the structured note.
 */
#ifndef FCR_FCR_H
#define FCR_FCR_H

#include "fcr/version.h"
#include "fcr/common.h"
#include "fcr/time.h"
#include "fcr/policy.h"
#include "fcr/event.h"
#include "fcr/call.h"
#include "fcr/guidance.h"
#include "fcr/call_json.h"
#include "fcr/reader.h"
#include "fcr/note.h"
#include "fcr/scorecard.h"
#include "fcr/metrics.h"
#include "fcr/transcript.h"

#endif /* FCR_FCR_H */
