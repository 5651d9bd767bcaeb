#!/usr/bin/env python3
"""Writes a Dockerfile of N instructions that exercises every part of the parser and expander:
global ARGs, multi-stage FROM with --platform and AS, ENV/LABEL/ARG with variables, RUN with
continuations, comments, --mount flags and heredocs, COPY/ADD with flags, exec-form CMD/ENTRYPOINT."""
import sys

path, count = sys.argv[1], int(sys.argv[2])
lines = ["# syntax=docker/dockerfile:1", "ARG BASE=alpine", "ARG VERSION=3.19"]
n = 2
stage = 0
while n < count:
    lines.append(f"FROM --platform=$BUILDPLATFORM ${{BASE}}:${{VERSION}} AS stage{stage}")
    lines.append("ARG VERSION")
    n += 2
    body = [
        f'ENV APP_HOME=/opt/app{stage} PATH="/opt/app{stage}/bin:$PATH" V=$VERSION',
        f'LABEL org.opencontainers.image.version="$VERSION" stage="{stage}"',
        "WORKDIR $APP_HOME",
        "RUN --mount=type=cache,target=/root/.cache,id=c$VERSION \\\n    apk add --no-cache curl \\\n  # comment inside a continuation\n    && echo done",
        f"COPY --chown=1000:1000 --chmod=0644 --exclude=*.md src/ ${{APP_HOME}}/src/",
        "ADD --link https://example.com/archive-$VERSION.tar.gz /tmp/",
        "RUN <<EOF\nset -e\necho $APP_HOME\nEOF",
        'EXPOSE 8080/tcp ${PORT:-9090}',
        "USER 1000:1000",
        'CMD ["/bin/sh", "-c", "echo hi"]',
    ]
    for instruction in body:
        if n >= count:
            break
        lines.append(instruction)
        n += 1
    stage += 1
with open(path, "w") as f:
    f.write("\n".join(lines) + "\n")
