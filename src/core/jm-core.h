/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Umbrella header of libjm-core: the model, history, file format, templates, layout,
 * renderer and export. No GTK. */
#pragma once

#include "jm-types.h"
#include "model/jm-card-kind.h"
#include "model/jm-document.h"
#include "model/jm-checks.h"
#include "history/jm-command.h"
#include "history/jm-history.h"
#include "history/jm-edit-ops.h"
#include "io/jm-json.h"
#include "io/jm-templates.h"
#include "io/jm-recovery.h"
#include "layout/jm-layout.h"
#include "render/jm-theme.h"
#include "render/jm-renderer.h"
#include "export/jm-export.h"
