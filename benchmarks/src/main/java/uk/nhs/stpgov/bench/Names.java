package uk.nhs.stpgov.bench;

import java.util.List;

/** Reference data for a realistic store: the 44 STP footprints of 2016, with their NHS England regions. */
final class Names {
    private Names() {
    }

    record Footprint(String slug, String name, String region) {
    }

    static final List<Footprint> FOOTPRINTS = List.of(
            f("Northumberland, Tyne and Wear and North Durham", "North East and Yorkshire"),
            f("Durham, Darlington, Tees, Hambleton, Richmondshire and Whitby", "North East and Yorkshire"),
            f("West, North and East Cumbria", "North West"),
            f("Lancashire and South Cumbria", "North West"),
            f("West Yorkshire and Harrogate", "North East and Yorkshire"),
            f("Humber, Coast and Vale", "North East and Yorkshire"),
            f("Greater Manchester", "North West"),
            f("Cheshire and Merseyside", "North West"),
            f("South Yorkshire and Bassetlaw", "North East and Yorkshire"),
            f("Staffordshire and Stoke on Trent", "Midlands"),
            f("Shropshire and Telford and Wrekin", "Midlands"),
            f("Derbyshire", "Midlands"),
            f("Lincolnshire", "Midlands"),
            f("Nottinghamshire", "Midlands"),
            f("Leicester, Leicestershire and Rutland", "Midlands"),
            f("The Black Country", "Midlands"),
            f("Birmingham and Solihull", "Midlands"),
            f("Coventry and Warwickshire", "Midlands"),
            f("Herefordshire and Worcestershire", "Midlands"),
            f("Northamptonshire", "Midlands"),
            f("Cambridgeshire and Peterborough", "East of England"),
            f("Norfolk and Waveney", "East of England"),
            f("Suffolk and North East Essex", "East of England"),
            f("Milton Keynes, Bedfordshire and Luton", "East of England"),
            f("Hertfordshire and West Essex", "East of England"),
            f("Mid and South Essex", "East of England"),
            f("North West London", "London"),
            f("North Central London", "London"),
            f("North East London", "London"),
            f("South East London", "London"),
            f("South West London", "London"),
            f("Kent and Medway", "South East"),
            f("Sussex and East Surrey", "South East"),
            f("Frimley Health and Care", "South East"),
            f("Surrey Heartlands", "South East"),
            f("Cornwall and the Isles of Scilly", "South West"),
            f("Devon", "South West"),
            f("Somerset", "South West"),
            f("Bristol, North Somerset and South Gloucestershire", "South West"),
            f("Bath and North East Somerset, Swindon and Wiltshire", "South West"),
            f("Dorset", "South West"),
            f("Hampshire and the Isle of Wight", "South East"),
            f("Gloucestershire", "South West"),
            f("Buckinghamshire, Oxfordshire and Berkshire West", "South East"));

    static final List<String> AMBULANCE_CODES = List.of("RX9", "RYA", "RX8", "RYC", "RRU", "RX6", "RYD", "RYE", "RX7",
            "RYF");
    static final List<String> POSTS = List.of("Chief Executive", "Director of Finance", "Medical Director",
            "Chief Nurse", "Director of Strategy", "Accountable Officer", "Director of Public Health",
            "Chief Operating Officer", "Company Secretary", "SRO Urgent and Emergency Care", "Director of Workforce",
            "Head of Governance", "Chief Finance Officer", "Director of Adult Social Services");
    static final List<String> FIRST = List.of("Siobhan", "Amir", "Claire", "David", "Priya", "Gareth", "Helen",
            "Olusegun", "Fiona", "Mark", "Rachel", "Imran", "Joanne", "Stephen", "Anita", "Peter", "Louise", "Kwame",
            "Catherine", "Neil", "Bernadette", "Tom", "Nadia", "Graham");
    static final List<String> LAST = List.of("O'Neill", "Khan", "Robertson", "Patel", "Evans", "Adeyemi", "Hughes",
            "Campbell", "Thompson", "Begum", "Walsh", "Morgan", "Clarke", "Mensah", "Fraser", "Doyle", "Shah",
            "Taylor", "Okafor", "Jenkins");
    static final List<String> SERVICES = List.of("stroke services", "consultant-led maternity", "A&E",
            "paediatric inpatient care", "community hospital beds", "elective orthopaedics", "vascular surgery",
            "mental health crisis care", "urgent treatment centres", "diagnostic imaging", "cancer surgery",
            "hyper-acute stroke units", "intermediate care", "out-of-hours GP services", "neonatal care",
            "specialist dementia beds", "minor injuries units", "cardiology", "renal dialysis", "end of life care");
    static final List<String> DECISION_TITLES = List.of("Approve the system operating plan",
            "Agree the system control total", "Adopt the conflicts of interest policy", "Endorse the estates strategy",
            "Approve the memorandum of understanding", "Agree the risk-sharing arrangement",
            "Approve the digital roadmap", "Endorse the workforce plan", "Agree the capital prioritisation",
            "Approve the terms of reference", "Agree the engagement plan", "Approve the assurance framework",
            "Agree the winter plan", "Approve the primary care strategy", "Adopt the joint forward plan");

    private static Footprint f(String name, String region) {
        String slug = name.toLowerCase().replace("&", "and").replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
        if (slug.length() > 40) {
            slug = slug.substring(0, 40).replaceAll("-$", "");
        }
        return new Footprint(slug, name, region);
    }

    /** The places a footprint's name lists, e.g. "Leicester", "Leicestershire", "Rutland". */
    static List<String> places(Footprint footprint) {
        return List.of(footprint.name().replace("The ", "").split(",\\s*|\\s+and\\s+(?!the)")).stream()
                .map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
