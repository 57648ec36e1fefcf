/* SPDX-License-Identifier: GPL-3.0-or-later */
/* TODO: being written */
#include "config.h"
