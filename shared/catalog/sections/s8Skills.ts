import { bi } from '../../contract/i18n.ts';
import { UNITS, inSection, integer } from '../define.ts';
import type { CatalogField, CatalogSection } from '../types.ts';

export const section: CatalogSection = {
  id: 'skills',
  order: 8,
  title: bi('Trình độ CNTT của CBCCVC', 'Staff IT skills'),
};

const f = inSection(section.id);

export const fields: readonly CatalogField[] = [
  integer(
    f(
      'staff_trained_basic',
      'Số CBCCVC được đào tạo tin học văn phòng cơ bản',
      'Staff trained in basic office IT',
      'CBCCVC có chứng chỉ hoặc đã qua đào tạo kỹ năng sử dụng CNTT cơ bản.',
      'Staff with a certificate or training in basic IT skills.',
    ),
    { unit: UNITS.people, max: 100_000, example: 110 },
  ),
  integer(
    f(
      'it_staff',
      'Số cán bộ chuyên trách CNTT',
      'Dedicated IT staff',
      'Cán bộ có nhiệm vụ chính là quản trị, vận hành hệ thống CNTT của cơ quan.',
      'Staff whose main job is running the agency’s IT systems.',
    ),
    { unit: UNITS.people, max: 10_000, example: 3 },
  ),
  integer(
    f(
      'it_staff_college',
      'Số cán bộ chuyên trách CNTT có trình độ cao đẳng trở lên',
      'Dedicated IT staff with a college degree or higher',
      'Trong số cán bộ chuyên trách CNTT, số người có bằng cao đẳng, đại học hoặc sau đại học về CNTT.',
      'Of the dedicated IT staff, those with an IT college degree, university degree or higher.',
    ),
    { unit: UNITS.people, max: 10_000, example: 2 },
  ),
  integer(
    f(
      'training_courses',
      'Số lớp đào tạo, bồi dưỡng CNTT đã tổ chức',
      'IT training courses held',
      'Lớp do cơ quan tổ chức hoặc cử CBCCVC tham gia trong năm.',
      'Courses the agency held, or sent staff to, in the year.',
    ),
    { unit: UNITS.courses, max: 1_000, example: 2 },
  ),
];
