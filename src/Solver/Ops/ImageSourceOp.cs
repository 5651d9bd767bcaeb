namespace Drydock.Solver.Ops;

/// <summary>
/// A base image from the local store (FROM image, COPY --from=image, RUN --mount from=image). The resolved
/// manifest digest is part of the op, so a re-tagged base busts the cache of everything built on it.
/// </summary>
public sealed record ImageSourceOp(string Reference, string ManifestDigest, string Platform) : Op;
