#!/usr/bin/env bash
# Spark GPU discovery script: prints the GPUs this machine (or container) shows as Spark's resource
# JSON, e.g. {"name": "gpu", "addresses": ["0", "1"]}. Point spark.worker.resource.gpu.discoveryScript
# (standalone) or spark.executor.resource.gpu.discoveryScript (YARN, Kubernetes) at it. Needs
# nvidia-smi, which the NVIDIA container toolkit / driver puts on the PATH.
set -euo pipefail
addresses="$(nvidia-smi --query-gpu=index --format=csv,noheader | sed 's/^ *//; s/ *$//; s/.*/"&"/' | paste -sd, -)"
echo "{\"name\": \"gpu\", \"addresses\": [${addresses}]}"
