using System.Runtime.Versioning;

// containers are Linux-only, and so are their tests
[assembly: SupportedOSPlatform("linux")]
