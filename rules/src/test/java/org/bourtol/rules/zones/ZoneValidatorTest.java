package org.bourtol.rules.zones;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.bourtol.contracts.directory.Zone;
import org.bourtol.contracts.topic.Json;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ZoneValidatorTest {

    private static List<String> check(String feature) throws Exception {
        Zone z = ZoneFeatures.fromFeature(Json.MAPPER.readTree(feature.replace('\'', '"')), null);
        return ZoneValidator.validate(z, id -> id.equals("konna") ? Optional.of(z) : Optional.empty());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{'id':'s','properties':{'kind':'station','name':'S','levels':{'warning':600,'alert':580}},'geometry':{'type':'Point','coordinates':[2,13]}} | alert level (580) must be above warning level (600)",
        "{'id':'s','properties':{'kind':'station','name':'S'},'geometry':{'type':'Polygon','coordinates':[[[0,0],[1,0],[1,1],[0,0]]]}} | a station must be a Point",
        "{'id':'f','properties':{'kind':'farmland','name':'F'},'geometry':{'type':'Polygon','coordinates':[[[0,0],[1,0],[1,1],[0,0]]]}} | fieldRelease is required",
        "{'id':'w','properties':{'kind':'water-point','name':'W','capacity':'many'},'geometry':{'type':'Polygon','coordinates':[[[0,0],[1,0],[1,1],[0,0]]]}} | capacity (head of livestock) must be a positive number",
        "{'id':'p','properties':{'kind':'pasture','name':'P','capacity':500,'fieldRelease':'15-12'},'geometry':{'type':'Polygon','coordinates':[[[0,0],[1,0],[1,1],[0,0]]]}} | fieldRelease must be a date \"MM-DD\", got \"15-12\"",
        "{'id':'c','properties':{'kind':'corridor','name':'C','passage':{'from':'11-15'}},'geometry':{'type':'LineString','coordinates':[[0,0],[1,1]]}} | passage.to is required",
        "{'id':'m','properties':{'kind':'market','name':'M','parent':'nowhere'},'geometry':{'type':'Polygon','coordinates':[[[0,0],[1,0],[1,1],[0,0]]]}} | parent zone 'nowhere' does not exist",
        "{'id':'m','properties':{'kind':'market','name':'M'},'geometry':{'type':'Polygon','coordinates':[[[0,0],[1,0],[1,1],[0,1]]]}} | polygon ring is not closed",
        "{'id':'m','properties':{'kind':'market','name':'M'},'geometry':{'type':'Polygon','coordinates':[[[0,0],[1,1],[1,0],[0,1],[0,0]]]}} | geometry is not valid: Self-intersection",
        "{'id':'m','properties':{'kind':'market','name':'M'},'geometry':{'type':'Point','coordinates':[200,0]}} | position [200.0, 0.0] is out of range",
    })
    void refusesWithAReason(String feature, String reason) throws Exception {
        List<String> problems = check(feature);
        assertTrue(problems.stream().anyMatch(p -> p.contains(reason)), problems + " should mention " + reason);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{'id':'s','properties':{'kind':'station','name':'S','levels':{'warning':530,'alert':580,'danger':620}},'geometry':{'type':'Point','coordinates':[2,13]}}",
        "{'id':'f','properties':{'kind':'farmland','name':'F','fieldRelease':'01-15','parent':'konna'},'geometry':{'type':'Polygon','coordinates':[[[0,0],[1,0],[1,1],[0,0]]]}}",
        "{'id':'c','properties':{'kind':'corridor','name':'C','bufferM':2000,'passage':{'from':'11-15','to':'12-31'}},'geometry':{'type':'LineString','coordinates':[[0,0],[1,1]]}}",
    })
    void acceptsGoodZones(String feature) throws Exception {
        assertEquals(List.of(), check(feature));
    }
}
