#!/usr/bin/env node
// A committed shim: package managers link `bin` entries at install time, before `dist/` exists in a workspace.
import '../dist/bin.js';
