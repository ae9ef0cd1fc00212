#!/bin/sh
echo "hello from $HOSTNAME"
