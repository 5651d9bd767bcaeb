namespace Drydock.Containers.Store;

/// <summary>docker-style container names: "adjective_surname", with a number appended on a collision.</summary>
internal static class NameGenerator
{
    private static readonly string[] s_adjectives =
    [
        "admiring", "adoring", "affectionate", "agitated", "amazing", "angry", "awesome", "beautiful", "blissful",
        "bold", "boring", "brave", "busy", "charming", "clever", "compassionate", "competent", "condescending",
        "confident", "cool", "cranky", "crazy", "dazzling", "determined", "distracted", "dreamy", "eager",
        "ecstatic", "elastic", "elated", "elegant", "eloquent", "epic", "exciting", "fervent", "festive",
        "flamboyant", "focused", "friendly", "frosty", "funny", "gallant", "gifted", "goofy", "gracious", "great",
        "happy", "hardcore", "heuristic", "hopeful", "hungry", "infallible", "inspiring", "intelligent",
        "interesting", "jolly", "jovial", "keen", "kind", "laughing", "loving", "lucid", "magical", "modest",
        "musing", "mystifying", "naughty", "nervous", "nice", "nifty", "nostalgic", "objective", "optimistic",
        "peaceful", "pedantic", "pensive", "practical", "priceless", "quirky", "quizzical", "recursing",
        "relaxed", "reverent", "romantic", "sad", "serene", "sharp", "silly", "sleepy", "stoic", "strange",
        "stupefied", "suspicious", "sweet", "tender", "thirsty", "trusting", "unruffled", "upbeat", "vibrant",
        "vigilant", "vigorous", "wizardly", "wonderful", "xenodochial", "youthful", "zealous", "zen",
    ];

    private static readonly string[] s_surnames =
    [
        "agnesi", "albattani", "allen", "almeida", "archimedes", "ardinghelli", "aryabhata", "babbage", "banach",
        "bardeen", "bartik", "bassi", "bell", "bhabha", "blackburn", "booth", "bose", "brahmagupta", "brown",
        "burnell", "cannon", "carson", "cerf", "chandrasekhar", "chatelet", "clarke", "cohen", "curie",
        "darwin", "davinci", "dijkstra", "einstein", "elion", "engelbart", "euclid", "euler", "faraday",
        "fermat", "fermi", "feynman", "franklin", "galileo", "gauss", "goldberg", "goodall", "hamilton",
        "hawking", "heisenberg", "hodgkin", "hopper", "hypatia", "jackson", "jang", "johnson", "kalam",
        "kapitsa", "keller", "kepler", "knuth", "kowalevski", "lalande", "lamarr", "leakey", "leavitt",
        "lovelace", "lumiere", "mayer", "mccarthy", "mclean", "meitner", "mendel", "mirzakhani", "montalcini",
        "moore", "morse", "napier", "newton", "nobel", "noether", "pascal", "pasteur", "perlman", "pike",
        "poincare", "ptolemy", "raman", "ritchie", "rosalind", "sammet", "shannon", "shockley", "sinoussi",
        "stonebraker", "swanson", "tesla", "thompson", "torvalds", "turing", "villani", "wescoff", "wiles",
        "williams", "wilson", "wozniak", "wright", "yalow", "yonath",
    ];

    public static string Next(Func<string, bool> isTaken)
    {
        ArgumentNullException.ThrowIfNull(isTaken);
        for (int attempt = 0; ; attempt++)
        {
            string name = $"{s_adjectives[Random.Shared.Next(s_adjectives.Length)]}_{s_surnames[Random.Shared.Next(s_surnames.Length)]}";
            if (attempt > 10) name += Random.Shared.Next(10, 100).ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (!isTaken(name)) return name;
        }
    }
}
