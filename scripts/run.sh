#!/usr/bin/env bash
# Serve the demo government and run the timer worker beside it; Ctrl-C stops both.
set -euo pipefail
host=${1:-127.0.0.1}; port=${2:-8000}
bin=.venv/bin
export ZHENGWU_PROFILE=demo
$bin/zhengwu worker &
worker=$!
trap 'kill $worker 2>/dev/null || true' EXIT INT TERM
cat <<MSG

  zhengwu 政务 is serving the demo government at  http://$host:$port/
  Log in as any demo account above (password: zhengwu-demo), e.g.
    governor (州长) · vice_liu (副州长) · secretary_general (秘书长) · clerk_wendian (文电科科员)
    fgw_head (发改委主任) · admin (系统管理员)
  The timer worker runs beside the server.  Ctrl-C stops both.

MSG
$bin/zhengwu serve --insecure-loopback --bind "$host:$port"
