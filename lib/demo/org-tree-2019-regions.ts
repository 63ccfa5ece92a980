/**
 * The 16 regional networks of 2019 as tables (towns, sub-regions, providers); org-tree-2019.ts
 * expands them into subprojects and contact points.
 */

export interface RegionDef {
  code: string;
  nameDe: string;
  nameEn: string;
  /** Federal state, used in state-wide project names ("Faire Integration Bayern"). */
  state: string;
  /** Number of subprojects in the regional network (roughly by population). */
  subprojects: number;
  /** Cities with a permanent advice office; each also names one advice subproject. */
  permanent: readonly string[];
  /** Smaller towns served by mobile advice. */
  mobile: readonly string[];
  /** Sub-regions (Regierungsbezirke, landscapes, districts) used in project names. */
  districts: readonly string[];
  providers: {
    advice: readonly string[];
    training: readonly string[];
    /** Intercultural opening and skilled-worker networks. */
    network: readonly string[];
    fair: string;
  };
}

export const REGION_DEFS: readonly RegionDef[] = [
  {
    code: "DE-BW",
    nameDe: "IQ Netzwerk Baden-Württemberg",
    nameEn: "IQ Network Baden-Württemberg",
    state: "Baden-Württemberg",
    subprojects: 42,
    permanent: ["Stuttgart", "Mannheim", "Karlsruhe", "Freiburg im Breisgau", "Heidelberg", "Ulm", "Heilbronn", "Pforzheim", "Reutlingen"],
    mobile: ["Tübingen", "Konstanz", "Ravensburg", "Friedrichshafen", "Offenburg", "Villingen-Schwenningen", "Aalen", "Schwäbisch Hall", "Göppingen", "Ludwigsburg", "Sigmaringen", "Lörrach"],
    districts: ["Region Stuttgart", "Rhein-Neckar", "Mittlerer Oberrhein", "Südbaden", "Bodensee-Oberschwaben", "Ostwürttemberg", "Heilbronn-Franken", "Neckar-Alb", "Schwarzwald-Baar-Heuberg"],
    providers: {
      advice: ["Caritasverband für Stuttgart e.V.", "Diakonisches Werk Württemberg e.V.", "AWO Kreisverband Karlsruhe-Stadt e.V.", "Landeshauptstadt Stuttgart, Abteilung Integrationspolitik"],
      training: ["Bildungswerk der Baden-Württembergischen Wirtschaft e.V.", "IHK-Bildungszentrum Karlsruhe GmbH", "Volkshochschule Stuttgart e.V.", "Internationaler Bund (IB) Südwest gGmbH"],
      network: ["Arbeit und Leben Baden-Württemberg e.V.", "Forum der Kulturen Stuttgart e.V.", "Handwerkskammer Region Stuttgart"],
      fair: "DGB Bildungswerk Baden-Württemberg e.V.",
    },
  },
  {
    code: "DE-BY",
    nameDe: "IQ Netzwerk Bayern",
    nameEn: "IQ Network Bavaria",
    state: "Bayern",
    subprojects: 46,
    permanent: ["München", "Nürnberg", "Augsburg", "Regensburg", "Würzburg", "Ingolstadt", "Erlangen", "Bamberg", "Bayreuth", "Passau"],
    mobile: ["Landshut", "Rosenheim", "Kempten (Allgäu)", "Hof", "Aschaffenburg", "Schweinfurt", "Straubing", "Memmingen", "Kaufbeuren", "Coburg", "Ansbach", "Weiden in der Oberpfalz", "Deggendorf", "Neu-Ulm"],
    districts: ["Oberbayern", "Niederbayern", "Oberpfalz", "Oberfranken", "Mittelfranken", "Unterfranken", "Schwaben"],
    providers: {
      advice: ["Tür an Tür – Integrationsprojekte gGmbH", "Caritasverband der Erzdiözese München und Freising e.V.", "Diakonisches Werk Bayern e.V.", "AWO Bezirksverband Oberbayern e.V."],
      training: ["Bildungswerk der Bayerischen Wirtschaft e.V.", "bfz – Berufliche Fortbildungszentren der Bayerischen Wirtschaft gGmbH", "Münchner Volkshochschule GmbH", "Handwerkskammer für München und Oberbayern"],
      network: ["Arbeit und Leben Bayern gGmbH", "Landeshauptstadt München, Referat für Arbeit und Wirtschaft", "IHK Nürnberg für Mittelfranken"],
      fair: "DGB Bildungswerk Bayern e.V.",
    },
  },
  {
    code: "DE-BE",
    nameDe: "IQ Netzwerk Berlin",
    nameEn: "IQ Network Berlin",
    state: "Berlin",
    subprojects: 21,
    permanent: ["Berlin-Mitte", "Berlin-Neukölln", "Berlin-Lichtenberg"],
    mobile: ["Berlin-Spandau", "Berlin-Marzahn-Hellersdorf", "Berlin-Reinickendorf", "Berlin-Treptow-Köpenick"],
    districts: ["Berlin-Friedrichshain-Kreuzberg", "Berlin-Tempelhof-Schöneberg", "Berlin-Pankow", "Berlin-Steglitz-Zehlendorf", "Berlin-Charlottenburg-Wilmersdorf", "Berlin-Wedding"],
    providers: {
      advice: ["Club Dialog e.V.", "Caritasverband für das Erzbistum Berlin e.V.", "Diakonisches Werk Berlin Stadtmitte e.V."],
      training: ["Volkshochschule Berlin-Mitte", "Bildungswerk der Wirtschaft Berlin und Brandenburg e.V.", "Handwerkskammer Berlin"],
      network: ["Türkischer Bund in Berlin-Brandenburg e.V.", "Minor – Projektkontor für Bildung und Forschung e.V."],
      fair: "Arbeit und Leben – DGB/VHS Berlin-Brandenburg e.V.",
    },
  },
  {
    code: "DE-BB",
    nameDe: "IQ Netzwerk Brandenburg",
    nameEn: "IQ Network Brandenburg",
    state: "Brandenburg",
    subprojects: 16,
    permanent: ["Potsdam", "Cottbus", "Frankfurt (Oder)"],
    mobile: ["Brandenburg an der Havel", "Eberswalde", "Neuruppin", "Eisenhüttenstadt", "Perleberg"],
    districts: ["Lausitz", "Uckermark", "Prignitz", "Havelland", "Märkisch-Oderland", "Fläming"],
    providers: {
      advice: ["Diakonisches Werk Potsdam e.V.", "AWO Bezirksverband Brandenburg Süd e.V.", "Caritasverband für das Erzbistum Berlin e.V."],
      training: ["Volkshochschule Potsdam", "Bildungswerk der Wirtschaft Berlin und Brandenburg e.V.", "Handwerkskammer Cottbus"],
      network: ["RAA Brandenburg – Demokratie und Integration e.V.", "Arbeit und Leben – DGB/VHS Berlin-Brandenburg e.V."],
      fair: "DGB Bezirk Berlin-Brandenburg",
    },
  },
  {
    code: "DE-HB",
    nameDe: "IQ Netzwerk Bremen",
    nameEn: "IQ Network Bremen",
    state: "Bremen",
    subprojects: 9,
    permanent: ["Bremen"],
    mobile: ["Bremerhaven"],
    districts: ["Bremerhaven", "Bremen-Nord", "Bremen-Ost", "Bremen-West"],
    providers: {
      advice: ["Arbeitnehmerkammer Bremen", "Caritasverband Bremen e.V.", "Arbeiterwohlfahrt Kreisverband Bremerhaven e.V."],
      training: ["Wirtschafts- und Sozialakademie der Arbeitnehmerkammer Bremen gGmbH", "Bremer Volkshochschule", "Handwerkskammer Bremen"],
      network: ["Paritätisches Bildungswerk Bremen e.V.", "Arbeit und Leben Bremen e.V."],
      fair: "Arbeit und Leben Bremen e.V.",
    },
  },
  {
    code: "DE-HH",
    nameDe: "IQ Netzwerk Hamburg",
    nameEn: "IQ Network Hamburg",
    state: "Hamburg",
    subprojects: 14,
    permanent: ["Hamburg-Mitte", "Hamburg-Altona"],
    mobile: ["Hamburg-Harburg", "Hamburg-Wandsbek", "Hamburg-Bergedorf"],
    districts: ["Hamburg-Eimsbüttel", "Hamburg-Nord", "Hamburg-Billstedt", "Hamburg-Wilhelmsburg"],
    providers: {
      advice: ["passage gGmbH", "Diakonisches Werk Hamburg", "Caritasverband für Hamburg e.V."],
      training: ["Hamburger Volkshochschule", "ELBCAMPUS – Kompetenzzentrum der Handwerkskammer Hamburg", "Bildungswerk der Wirtschaft Hamburg e.V."],
      network: ["basis & woge e.V.", "Unternehmer ohne Grenzen e.V."],
      fair: "Arbeit und Leben Hamburg e.V.",
    },
  },
  {
    code: "DE-HE",
    nameDe: "IQ Netzwerk Hessen",
    nameEn: "IQ Network Hesse",
    state: "Hessen",
    subprojects: 28,
    permanent: ["Frankfurt am Main", "Wiesbaden", "Kassel", "Darmstadt", "Offenbach am Main", "Gießen"],
    mobile: ["Marburg", "Fulda", "Hanau", "Rüsselsheim am Main", "Bad Hersfeld", "Limburg an der Lahn", "Wetzlar", "Korbach"],
    districts: ["Rhein-Main", "Nordhessen", "Mittelhessen", "Osthessen", "Südhessen"],
    providers: {
      advice: ["beramí berufliche Integration e.V.", "Caritasverband Frankfurt e.V.", "Diakonisches Werk für Frankfurt und Offenbach"],
      training: ["Bildungswerk der Hessischen Wirtschaft e.V.", "Volkshochschule Frankfurt am Main", "Handwerkskammer Wiesbaden"],
      network: ["Arbeit und Leben Hessen e.V.", "Stadt Kassel, Amt für Chancengleichheit"],
      fair: "DGB Bildungswerk Hessen e.V.",
    },
  },
  {
    code: "DE-MV",
    nameDe: "IQ Landesnetzwerk Mecklenburg-Vorpommern",
    nameEn: "IQ State Network Mecklenburg-Western Pomerania",
    state: "Mecklenburg-Vorpommern",
    subprojects: 13,
    permanent: ["Rostock", "Schwerin"],
    mobile: ["Neubrandenburg", "Stralsund", "Greifswald", "Wismar"],
    districts: ["Vorpommern", "Mecklenburgische Seenplatte", "Westmecklenburg", "Region Rostock"],
    providers: {
      advice: ["Caritas Mecklenburg e.V.", "Diakonisches Werk Mecklenburg-Vorpommern e.V.", "AWO Landesverband Mecklenburg-Vorpommern e.V."],
      training: ["Bildungswerk der Wirtschaft Mecklenburg-Vorpommern e.V.", "Volkshochschule Rostock", "Handwerkskammer Schwerin"],
      network: ["migra e.V.", "Diên Hông – Gemeinsam unter einem Dach e.V."],
      fair: "Arbeit und Leben Mecklenburg-Vorpommern e.V.",
    },
  },
  {
    code: "DE-NI",
    nameDe: "IQ Netzwerk Niedersachsen",
    nameEn: "IQ Network Lower Saxony",
    state: "Niedersachsen",
    subprojects: 34,
    permanent: ["Hannover", "Braunschweig", "Oldenburg", "Osnabrück", "Wolfsburg", "Göttingen", "Hildesheim"],
    mobile: ["Lüneburg", "Celle", "Emden", "Wilhelmshaven", "Stade", "Cuxhaven", "Nienburg/Weser", "Goslar", "Leer (Ostfriesland)", "Vechta"],
    districts: ["Region Hannover", "Ostfriesland", "Weser-Ems", "Südniedersachsen", "Lüneburger Heide", "Elbe-Weser", "Braunschweiger Land"],
    providers: {
      advice: ["Caritasverband für die Diözese Hildesheim e.V.", "Diakonisches Werk evangelischer Kirchen in Niedersachsen e.V.", "AWO Bezirksverband Hannover e.V."],
      training: ["Bildungswerk der Niedersächsischen Wirtschaft gGmbH", "Volkshochschule Hannover", "Handwerkskammer Oldenburg"],
      network: ["kargah e.V.", "Verband binationaler Familien und Partnerschaften e.V."],
      fair: "Arbeit und Leben Niedersachsen e.V.",
    },
  },
  {
    code: "DE-NW",
    nameDe: "IQ Netzwerk NRW",
    nameEn: "IQ Network North Rhine-Westphalia",
    state: "Nordrhein-Westfalen",
    subprojects: 50,
    permanent: ["Köln", "Düsseldorf", "Dortmund", "Essen", "Duisburg", "Bochum", "Wuppertal", "Bielefeld", "Bonn", "Münster", "Aachen", "Gelsenkirchen"],
    mobile: ["Siegen", "Paderborn", "Hamm", "Gütersloh", "Minden", "Arnsberg", "Iserlohn", "Lüdenscheid", "Düren", "Wesel", "Kleve", "Coesfeld", "Detmold", "Olpe", "Meschede", "Euskirchen"],
    districts: ["Rheinland", "Ruhrgebiet", "Münsterland", "Ostwestfalen-Lippe", "Südwestfalen", "Niederrhein", "Bergisches Land", "Sauerland"],
    providers: {
      advice: ["Caritasverband für die Stadt Köln e.V.", "Diakonie Rheinland-Westfalen-Lippe e.V.", "AWO Bezirksverband Westliches Westfalen e.V.", "Kommunales Integrationszentrum Essen"],
      training: ["Bildungswerk der Nordrhein-Westfälischen Wirtschaft e.V.", "IHK-Bildungszentrum Düsseldorf", "Volkshochschule Köln", "Handwerkskammer Dortmund"],
      network: ["Arbeit und Leben DGB/VHS NW e.V.", "Multikulturelles Forum e.V.", "GIB – Gesellschaft für innovative Beschäftigungsförderung mbH"],
      fair: "DGB Bildungswerk NRW e.V.",
    },
  },
  {
    code: "DE-RP",
    nameDe: "IQ Netzwerk Rheinland-Pfalz",
    nameEn: "IQ Network Rhineland-Palatinate",
    state: "Rheinland-Pfalz",
    subprojects: 21,
    permanent: ["Mainz", "Ludwigshafen am Rhein", "Koblenz", "Trier"],
    mobile: ["Worms", "Neuwied", "Bad Kreuznach", "Pirmasens", "Landau in der Pfalz"],
    districts: ["Rheinhessen", "Vorderpfalz", "Westpfalz", "Eifel", "Westerwald", "Hunsrück"],
    providers: {
      advice: ["Caritasverband für die Diözese Trier e.V.", "Diakonisches Werk Pfalz", "AWO Bezirksverband Rheinland e.V."],
      training: ["IHK-Bildungszentrum Koblenz", "Volkshochschule Mainz e.V.", "Handwerkskammer der Pfalz"],
      network: ["Initiativausschuss für Migrationspolitik in Rheinland-Pfalz", "Arbeit und Leben gGmbH Rheinland-Pfalz"],
      fair: "Arbeit und Leben gGmbH Rheinland-Pfalz",
    },
  },
  {
    code: "DE-SL",
    nameDe: "IQ Netzwerk Saarland",
    nameEn: "IQ Network Saarland",
    state: "Saarland",
    subprojects: 9,
    permanent: ["Saarbrücken", "Saarlouis"],
    mobile: ["Homburg"],
    districts: ["Saarpfalz", "Merzig-Wadern", "St. Wendel", "Neunkirchen (Saar)"],
    providers: {
      advice: ["Caritasverband für Saarbrücken und Umgebung e.V.", "Diakonisches Werk an der Saar gGmbH", "AWO Landesverband Saarland e.V."],
      training: ["Volkshochschule Regionalverband Saarbrücken", "IHK Saarland", "Handwerkskammer des Saarlandes"],
      network: ["Haus Afrika e.V.", "Saarländischer Flüchtlingsrat e.V."],
      fair: "Arbeitskammer des Saarlandes",
    },
  },
  {
    code: "DE-SN",
    nameDe: "IQ Netzwerk Sachsen",
    nameEn: "IQ Network Saxony",
    state: "Sachsen",
    subprojects: 21,
    permanent: ["Leipzig", "Dresden", "Chemnitz", "Zwickau"],
    mobile: ["Plauen", "Görlitz", "Bautzen", "Freiberg", "Torgau"],
    districts: ["Westsachsen", "Ostsachsen", "Erzgebirge", "Vogtland", "Oberlausitz"],
    providers: {
      advice: ["Caritasverband Leipzig e.V.", "Diakonisches Werk der Ev.-Luth. Landeskirche Sachsens e.V.", "AWO Landesverband Sachsen e.V."],
      training: ["Bildungswerk der Sächsischen Wirtschaft gGmbH", "Volkshochschule Leipzig", "Handwerkskammer Dresden"],
      network: ["Ausländerrat Dresden e.V.", "Dachverband sächsischer Migrantenorganisationen e.V."],
      fair: "Arbeit und Leben Sachsen e.V.",
    },
  },
  {
    code: "DE-ST",
    nameDe: "IQ Netzwerk Sachsen-Anhalt",
    nameEn: "IQ Network Saxony-Anhalt",
    state: "Sachsen-Anhalt",
    subprojects: 15,
    permanent: ["Magdeburg", "Halle (Saale)", "Dessau-Roßlau"],
    mobile: ["Stendal", "Lutherstadt Wittenberg", "Halberstadt", "Merseburg"],
    districts: ["Altmark", "Harz", "Anhalt", "Saale-Unstrut", "Börde"],
    providers: {
      advice: ["Caritasverband für das Bistum Magdeburg e.V.", "Diakonie Mitteldeutschland", "AWO Landesverband Sachsen-Anhalt e.V."],
      training: ["Bildungswerk der Wirtschaft Sachsen-Anhalt e.V.", "Volkshochschule Magdeburg", "Handwerkskammer Halle (Saale)"],
      network: ["Landesnetzwerk Migrantenorganisationen Sachsen-Anhalt (LAMSA) e.V.", "Arbeit und Leben Sachsen-Anhalt e.V."],
      fair: "Arbeit und Leben Sachsen-Anhalt e.V.",
    },
  },
  {
    code: "DE-SH",
    nameDe: "IQ Netzwerk Schleswig-Holstein",
    nameEn: "IQ Network Schleswig-Holstein",
    state: "Schleswig-Holstein",
    subprojects: 17,
    permanent: ["Kiel", "Lübeck", "Flensburg"],
    mobile: ["Neumünster", "Itzehoe", "Husum", "Elmshorn"],
    districts: ["Region Kiel", "Westküste", "Hamburger Rand", "Ostholstein", "Nordfriesland"],
    providers: {
      advice: ["Diakonisches Werk Schleswig-Holstein", "Caritasverband für Schleswig-Holstein e.V.", "AWO Schleswig-Holstein gGmbH"],
      training: ["Wirtschaftsakademie Schleswig-Holstein", "Volkshochschule Kiel", "Handwerkskammer Lübeck"],
      network: ["Türkische Gemeinde in Schleswig-Holstein e.V.", "ZBBS – Zentrale Bildungs- und Beratungsstelle für Migrant*innen e.V."],
      fair: "Arbeit und Leben Schleswig-Holstein e.V.",
    },
  },
  {
    code: "DE-TH",
    nameDe: "IQ Netzwerk Thüringen",
    nameEn: "IQ Network Thuringia",
    state: "Thüringen",
    subprojects: 15,
    permanent: ["Erfurt", "Jena", "Gera"],
    mobile: ["Weimar", "Gotha", "Nordhausen", "Suhl"],
    districts: ["Nordthüringen", "Mittelthüringen", "Ostthüringen", "Südwestthüringen"],
    providers: {
      advice: ["Caritasverband für das Bistum Erfurt e.V.", "Diakonie Mitteldeutschland", "AWO Landesverband Thüringen e.V."],
      training: ["Bildungswerk der Thüringer Wirtschaft e.V.", "Volkshochschule Erfurt", "Handwerkskammer Erfurt"],
      network: ["MigraNetz Thüringen e.V.", "Arbeit und Leben Thüringen e.V."],
      fair: "Arbeit und Leben Thüringen e.V.",
    },
  },
];
