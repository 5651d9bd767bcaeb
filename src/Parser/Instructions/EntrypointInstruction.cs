namespace Drydock.Parser.Instructions;

/// <summary><c>ENTRYPOINT ["exec","form"]</c> or <c>ENTRYPOINT shell form</c>; setting it resets an inherited CMD.</summary>
public sealed record EntrypointInstruction : CommandLineInstruction
{
    public override string Keyword => "ENTRYPOINT";
}
