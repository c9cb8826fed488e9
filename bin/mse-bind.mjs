#!/usr/bin/env node
// The installed command runs the esbuild bundle: start-up time is part of the product.
import '../dist/cli.mjs';
