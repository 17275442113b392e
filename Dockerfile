# syntax=docker/dockerfile:1
# StretchStop's production image: one image, every role (README, "Running in production").
#   docker build -t stretchstop .
#   docker run stretchstop web|worker|beat|release
# Only what .dockerignore lets through is in the build context: the apps, the
# templates, manage.py, requirements/base.txt and the npm lock files.

ARG PYTHON_IMAGE=python:3.11-slim-bookworm

# 1. The locked production dependencies, every one checked against its hash.
FROM ${PYTHON_IMAGE} AS python-deps
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1 PYTHONDONTWRITEBYTECODE=1
RUN python -m venv /venv
COPY requirements/base.txt /tmp/requirements/base.txt
RUN /venv/bin/pip install --no-deps --require-hashes -r /tmp/requirements/base.txt

# 2. The pages' JavaScript library (uPlot), exactly as package-lock.json pins it;
#    development packages (axe-core) and install scripts are left out.
FROM node:20-bookworm-slim AS js-deps
WORKDIR /build
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund --loglevel=error

# 3. Static files, hashed and compressed, built once into the image.
FROM ${PYTHON_IMAGE} AS static
COPY --from=python-deps /venv /venv
COPY . /app
COPY --from=js-deps /build/node_modules /app/node_modules
WORKDIR /app
RUN DJANGO_DEBUG=0 ALLOWED_HOSTS=build VAR_DIR=/app/var \
    SECRET_KEY=collectstatic-only-key-never-used-to-sign-anything-0123456789 \
    /venv/bin/python -m tracker.entrypoints static \
    && DJANGO_DEBUG=0 ALLOWED_HOSTS=build VAR_DIR=/app/var \
    SECRET_KEY=collectstatic-only-key-never-used-to-sign-anything-0123456789 \
    /venv/bin/python manage.py compile_catalogs -v 0

# 4. DejaVu Sans: the home programme PDF draws Polish, German and French with it
#    (tracker/programme.py; without it the PDF falls back to Latin-1 Helvetica).
#    Installed here so that the final stage runs no package manager.
FROM ${PYTHON_IMAGE} AS fonts
RUN apt-get update \
    && apt-get install -y --no-install-recommends fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/*

# 5. What runs: the virtualenv, the code, the static files and the PDF's font;
#    no compiler, no node, no pip cache, not root.
FROM ${PYTHON_IMAGE}
ENV PATH=/venv/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    DJANGO_SETTINGS_MODULE=tracker.settings \
    VAR_DIR=/app/var
COPY --from=fonts /usr/share/fonts/truetype/dejavu /usr/share/fonts/truetype/dejavu
RUN useradd --system --uid 10001 --home-dir /app --shell /usr/sbin/nologin stretchstop
COPY --from=python-deps /venv /venv
COPY . /app
COPY --from=static /app/var/static /app/var/static
# The translations, compiled in the static stage (.mo files are not committed).
COPY --from=static /app/locale /app/locale
# var/ holds beat's schedule file; the code and the static files stay read-only.
RUN mkdir -p /app/var && chown stretchstop /app/var
WORKDIR /app
USER stretchstop
EXPOSE 8000
STOPSIGNAL SIGTERM
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD ["python", "-m", "tracker.probe", "healthz"]
ENTRYPOINT ["python", "-m", "tracker.entrypoints"]
CMD ["web"]
