#!/usr/bin/env python3
"""Writes an OCI image layout with N small single-layer images named bench/img-<i>:latest (for bench/store/run.sh)."""
import gzip, hashlib, io, json, os, sys, tarfile

def blob(root, data):
    digest = hashlib.sha256(data).hexdigest()
    path = os.path.join(root, "blobs", "sha256", digest)
    with open(path, "wb") as f:
        f.write(data)
    return "sha256:" + digest, len(data)

def main(root, count):
    os.makedirs(os.path.join(root, "blobs", "sha256"), exist_ok=True)
    manifests = []
    for i in range(count):
        raw = io.BytesIO()
        with tarfile.open(fileobj=raw, mode="w", format=tarfile.PAX_FORMAT) as t:
            payload = (f"image {i}\n" * 64).encode()
            info = tarfile.TarInfo(f"data/file-{i}.txt")
            info.size, info.mtime = len(payload), 0
            t.addfile(info, io.BytesIO(payload))
        diff_id = "sha256:" + hashlib.sha256(raw.getvalue()).hexdigest()
        layer, layer_size = blob(root, gzip.compress(raw.getvalue(), mtime=0))
        config = json.dumps({"created": "2024-01-01T00:00:00Z", "architecture": "amd64", "os": "linux",
                             "config": {"Cmd": ["/bin/sh"], "Env": [f"N={i}"]},
                             "rootfs": {"type": "layers", "diff_ids": [diff_id]},
                             "history": [{"created_by": f"COPY file-{i}.txt /data/"}]}, separators=(",", ":")).encode()
        cfg, cfg_size = blob(root, config)
        manifest = json.dumps({"schemaVersion": 2, "mediaType": "application/vnd.oci.image.manifest.v1+json",
                               "config": {"mediaType": "application/vnd.oci.image.config.v1+json", "digest": cfg, "size": cfg_size},
                               "layers": [{"mediaType": "application/vnd.oci.image.layer.v1.tar+gzip", "digest": layer, "size": layer_size}]},
                              separators=(",", ":")).encode()
        m, m_size = blob(root, manifest)
        name = f"docker.io/bench/img-{i}:latest"
        manifests.append({"mediaType": "application/vnd.oci.image.manifest.v1+json", "digest": m, "size": m_size,
                          "annotations": {"io.containerd.image.name": name, "org.opencontainers.image.ref.name": "latest"}})
    with open(os.path.join(root, "index.json"), "w") as f:
        json.dump({"schemaVersion": 2, "mediaType": "application/vnd.oci.image.index.v1+json", "manifests": manifests}, f)
    with open(os.path.join(root, "oci-layout"), "w") as f:
        json.dump({"imageLayoutVersion": "1.0.0"}, f)

if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]))
